// Fuzzes the CSV reader and the ASN row checks behind every import.
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "org/asn_csv.hpp"
#include "platform/csv/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (char delimiter : {',', ';'}) {
    std::istringstream in(text);
    harmoni::csv::Reader reader(in, delimiter, {.max_field_bytes = 4096, .max_fields = 64});
    std::vector<std::string> fields;
    std::optional<harmoni::org::CsvColumns> columns;
    for (int rows = 0; rows < 10000; ++rows) {
      auto got = reader.next(fields);
      if (!got.ok() || !got.value()) break;
      if (!columns) {
        auto mapped = harmoni::org::map_asn_header(fields);
        if (!mapped.ok()) break;
        columns = mapped.value();
        continue;
      }
      std::vector<harmoni::FieldError> problems;
      auto draft = harmoni::org::asn_row_to_draft(*columns, fields, problems);
      (void)harmoni::org::validate_asn(draft, {2026, 11});
    }
  }
  return 0;
}
