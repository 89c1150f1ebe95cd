// Must not compile: pure domain code (here the survey's) cannot see the web layer.
#include "platform/web/app.hpp"
