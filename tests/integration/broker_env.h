#pragma once
// Skips a test when no broker was started for the run (the test binary run
// by hand outside CTest), and gives each test its own topics.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"

#define TIDINGS_REQUIRE_BROKER(brokers_var)                                                  \
  std::string brokers_var = ::tidings::testing::TestBrokers();                              \
  if (brokers_var.empty()) GTEST_SKIP() << "TIDINGS_TEST_BROKERS not set (run through ctest)"
