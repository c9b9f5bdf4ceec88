#pragma once
// One engine with the built-in data (Engine::Create({})), made once per
// test binary and shared by the tests that only need some engine.
#include <gtest/gtest.h>

#include <memory>

#include "enrich/engine.h"

namespace tidings::enrich::testing {

inline const Engine& DefaultEngine() {
  static const std::unique_ptr<Engine> e = [] {
    auto r = Engine::Create({});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }();
  return *e;
}

}  // namespace tidings::enrich::testing
