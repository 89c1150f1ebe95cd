#include "competency/shipped_catalog.hpp"

#include "platform/embedded.hpp"

namespace harmoni::competency {

Result<const Catalog*> shipped_catalog() {
  // Parsed on first use; thread-safe by the rules of function-local statics.
  static const Result<Catalog> kCatalog = [] {
    auto text = embedded_file("data/competency/catalog.json");
    if (!text)
      return Result<Catalog>(Error::internal("data/competency/catalog.json is not embedded"));
    return Catalog::parse(*text);
  }();
  if (!kCatalog.ok()) return kCatalog.error();
  return &kCatalog.value();
}

const Catalog& catalog() { return *shipped_catalog().value(); }

}  // namespace harmoni::competency
