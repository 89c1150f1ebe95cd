#include "platform/db/migrate.hpp"
#include <cstdio>
int main() { std::printf("%d\n", harmoni::db::latest_schema_version()); }
