// Must compile: what the survey's domain tier may use, so the probes above fail for the
// reason they name and not for another.
#include "desk/desk.hpp"
#include "platform/result.hpp"
#include "platform/util/date.hpp"
#include "survey/ikm.hpp"

int harmoni_layering_probe() { return harmoni::survey::kElements; }
