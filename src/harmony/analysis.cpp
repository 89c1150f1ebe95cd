#include "harmony/analysis.hpp"

#include "harmony/text_rules.hpp"

namespace harmoni::harmony {

Status validate(const Party& party) {
  std::vector<FieldError> errors;
  if ((party.kind == PartyKind::kAsn) != party.asn_id.has_value())
    errors.push_back(
        {"nip", party.kind == PartyKind::kAsn ? "input.required" : "harmony.nip_only_asn", {}});
  if (party.side < 1 || party.side > 9)
    errors.push_back({"side", "input.out_of_range", {{"min", "1"}, {"max", "9"}}});
  return errors_or_ok(std::move(errors));
}

Status validate(const Finding& finding) {
  std::vector<FieldError> errors;
  check_length(errors, "text", finding.text, 5, 2000);
  check_length(errors, "source_detail", finding.source_detail, 0, 200);
  if (finding.is_fact && !finding.source) errors.push_back({"source", "harmony.fact_source", {}});
  if (!finding.is_fact && finding.source)
    errors.push_back({"source", "harmony.opinion_no_source", {}});
  if (finding.side && (*finding.side < 1 || *finding.side > 9))
    errors.push_back({"side", "input.out_of_range", {{"min", "1"}, {"max", "9"}}});
  return errors_or_ok(std::move(errors));
}

Status validate(const Cause& cause) {
  std::vector<FieldError> errors;
  if (cause.whys.empty()) {
    errors.push_back({"whys", "input.required", {}});
  } else if (cause.whys.size() > kMaxWhys) {
    errors.push_back({"whys", "input.too_many", {{"max", std::to_string(kMaxWhys)}}});
  }
  for (size_t i = 0; i < cause.whys.size(); ++i)
    check_length(errors, "whys", cause.whys[i], 3, 500);
  return errors_or_ok(std::move(errors));
}

}  // namespace harmoni::harmony
