// A TCP port on the loopback interface that is free now, for servers the tests start.
#pragma once

namespace harmoni::test {

int free_port();

}  // namespace harmoni::test
