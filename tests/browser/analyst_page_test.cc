// The analyst page in a real browser against the demo's stack: the test
// run's broker, tidings-ingest, -enrich and -store as processes, the seed
// dumps loaded as scripts/demo loads them (plus a small thread whose text
// has characters beyond the BMP, so that code-point offsets are exercised),
// then tests/browser/analyst_page.mjs drives Debian's chromium over the
// store's page and API. Its screenshots and log stay in
// build/tests/browser/out/.
//
// Without node, chromium or tests/browser/node_modules (scripts/setup
// installs them) the test is skipped with the reason, as prometheus_rules is
// without promtool; with TIDINGS_TEST_REQUIRE_BROWSER=1 (set by
// scripts/test) it fails instead.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "tests/integration/broker_env.h"
#include "tests/integration/stack_util.h"

namespace tidings {
namespace {

using namespace std::chrono_literals;

const std::string kSource = TIDINGS_SOURCE_DIR;
const std::string kBrowserDir = kSource + "/tests/browser";
const std::string kAstralThread = kSource + "/tests/data/browser/astral_thread.jsonl";

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// The first executable `name` on $PATH, or "".
std::string OnPath(const std::string& name) {
  std::istringstream path(Env("PATH"));
  for (std::string dir; std::getline(path, dir, ':');) {
    const std::string p = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(p.c_str(), X_OK) == 0) return p;
  }
  return "";
}

// What the browser test needs and is not installed ("" when nothing).
std::string Missing(const std::string& node, const std::string& chromium) {
  std::vector<std::string> m;
  if (node.empty()) m.push_back("node (Debian package nodejs)");
  if (::access(chromium.c_str(), X_OK) != 0) m.push_back(chromium + " (Debian package chromium)");
  if (!std::filesystem::exists(kBrowserDir + "/node_modules/playwright-core/package.json"))
    m.push_back("tests/browser/node_modules (npm ci there)");
  std::string out;
  for (const auto& s : m) out += (out.empty() ? "" : ", ") + s;
  return out;
}

size_t Lines(const std::string& path) {
  const std::string s = testing::ReadFile(path);
  return static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
}

TEST(Browser, AnalystPage) {
  std::string node = OnPath("node");
  if (node.empty()) node = OnPath("nodejs");
  const std::string chromium = Env("TIDINGS_CHROMIUM").empty() ? "/usr/bin/chromium" : Env("TIDINGS_CHROMIUM");
  if (const std::string missing = Missing(node, chromium); !missing.empty()) {
    if (Env("TIDINGS_TEST_REQUIRE_BROWSER") == "1")
      FAIL() << "not installed: " << missing << "; scripts/setup installs them";
    GTEST_SKIP() << "not installed: " << missing << "; scripts/setup installs them. Not run";
  }
  TIDINGS_REQUIRE_BROKER(brokers);
  const std::string prefix = testing::UniquePrefix();
  ASSERT_TRUE(testing::CreateTopics(brokers, prefix).ok());
  testing::TempDir dir;

  // As many documents as the seed dumps split into, plus the BMP thread.
  const size_t want = testing::WriteSeedCorpus(dir.path() + "/seeds.jsonl", 1).size() + Lines(kAstralThread);

  testing::DaemonProcess ingest("ingest", brokers, prefix, dir.path());
  testing::DaemonProcess enrich("enrich", brokers, prefix, dir.path());
  testing::DaemonProcess store("store", brokers, prefix, dir.path());
  std::string why;
  for (auto* d : {&ingest, &enrich, &store}) ASSERT_TRUE(d->Start());
  for (auto* d : {&ingest, &enrich, &store}) ASSERT_TRUE(d->WaitReady(90s, &why)) << why;

  // The seed dumps as the demo loads them, then the thread beyond the BMP.
  std::vector<std::string> load = {testing::Bin("tidings"), "load", "--brokers", brokers, "--topic-prefix", prefix};
  std::vector<std::string> dumps;
  for (const auto& e : std::filesystem::directory_iterator(kSource + "/tests/data/seeds"))
    if (e.path().extension() == ".txt") dumps.push_back(e.path().string());
  std::sort(dumps.begin(), dumps.end());
  load.insert(load.end(), dumps.begin(), dumps.end());
  load.push_back(kAstralThread);
  testing::Child loader;
  ASSERT_TRUE(loader.Start(load, dir.path() + "/load.log"));
  ASSERT_EQ(loader.Wait(120s), 0) << testing::ReadFile(dir.path() + "/load.log");

  const int api = std::atoi(testing::ReadFile(dir.path() + "/api.port").c_str());
  ASSERT_GT(api, 0);
  const std::string all = "{\"count\":" + std::to_string(want) + ",\"partial\":false}";
  std::string count;
  ASSERT_TRUE(testing::WaitUntil([&] { return testing::HttpGet(api, "/v1/documents?count=true", &count) == 200 && count == all; },
                                 300s))
      << "the API counts " << count << ", want " << all << "\n"
      << store.Log();

  const std::string out = TIDINGS_BROWSER_OUT_DIR;
  std::filesystem::remove_all(out);
  std::filesystem::create_directories(out);
  testing::Child browser;
  ASSERT_TRUE(browser.Start({node, kBrowserDir + "/analyst_page.mjs", "--base", "http://127.0.0.1:" + std::to_string(api),
                             "--out", out, "--chromium", chromium},
                            out + "/analyst_page.log"));
  const int status = browser.Wait(300s);
  std::cout << testing::ReadFile(out + "/analyst_page.log");
  EXPECT_EQ(status, 0) << "analyst_page.mjs failed (its log is above and in " << out << "/analyst_page.log)";
  if (status == -1) {  // SIGTERM: Playwright closes the browser it started
    browser.Signal(SIGTERM);
    browser.Wait(30s);
  }

  for (auto* d : {&ingest, &enrich, &store}) {
    d->child().Signal(SIGTERM);
    EXPECT_EQ(d->child().Wait(30s), 0) << d->Log();
  }
}

}  // namespace
}  // namespace tidings
