// Must not compile: storage and use cases (here the survey's) cannot see the web layer.
#include "survey/survey_routes.hpp"
