// Must not compile: pure domain code (here the survey's) cannot see the database.
#include "platform/db/database.hpp"
