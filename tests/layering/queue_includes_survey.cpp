// Must not compile: the queue builds on the service point only, never on the survey.
#include "survey/survey_store.hpp"
