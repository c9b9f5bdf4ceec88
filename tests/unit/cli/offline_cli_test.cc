// The offline subcommands of `tidings` as a user runs them (no broker):
// what they refuse, and that nothing a user gave them is lost or misread.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace tidings {
namespace {

using namespace std::chrono_literals;

struct CliRun {
  int rc = -1;
  std::string log;  // stderr and stdout
};

CliRun Cli(const testing::TempDir& dir, std::vector<std::string> args) {
  testing::Child child;
  args.insert(args.begin(), testing::Bin("tidings"));
  const std::string log = dir.path() + "/cli.log";
  EXPECT_TRUE(child.Start(args, log));
  CliRun r;
  r.rc = child.Wait(120s);
  r.log = testing::ReadFile(log);
  return r;
}

void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::vector<std::string> Lines(const std::string& path) {
  std::vector<std::string> out;
  std::istringstream in(testing::ReadFile(path));
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

constexpr char kArticle[] =
    R"({"id":"a1","kind":"article","published_at":"2016-10-20T00:00:00Z","text":"Russian jets bombed a hospital in Aleppo on Saturday, activists said."})";
constexpr char kComment[] =
    R"({"id":"c1","kind":"comment","thread_id":"a1","parent_id":"a1","text":"That is a lie, Russia never bombed a hospital."})";

TEST(OfflineCli, EnrichNeverWritesOverItsInput) {
  testing::TempDir dir;
  const std::string f = dir.path() + "/docs.jsonl";
  Write(f, std::string(kArticle) + "\n");
  const std::string before = testing::ReadFile(f);
  CliRun r = Cli(dir, {"enrich", "--input", f, "--output", f});
  EXPECT_EQ(r.rc, 2) << r.log;
  EXPECT_NE(r.log.find("is the input"), std::string::npos) << r.log;
  EXPECT_EQ(testing::ReadFile(f), before);
  // Nor does split.
  const std::string t = dir.path() + "/dump.txt";
  Write(t, "Title\n\nSome text here.\n");
  r = Cli(dir, {"split", t, "--output", t});
  EXPECT_NE(r.rc, 0) << r.log;
  EXPECT_EQ(testing::ReadFile(t), "Title\n\nSome text here.\n");
}

TEST(OfflineCli, EnrichRefusesADirectoryAsInput) {
  testing::TempDir dir;
  CliRun r = Cli(dir, {"enrich", "--input", dir.path(), "--output", dir.path() + "/out.jsonl"});
  EXPECT_EQ(r.rc, 2) << r.log;
  EXPECT_NE(r.log.find("is a directory"), std::string::npos) << r.log;
}

TEST(OfflineCli, EnrichReadsAFileThatBeginsWithAByteOrderMark) {
  testing::TempDir dir;
  const std::string in = dir.path() + "/bom.jsonl", out = dir.path() + "/out.jsonl";
  Write(in, "\xEF\xBB\xBF" + std::string(kArticle) + "\n");
  CliRun r = Cli(dir, {"enrich", "--input", in, "--output", out});
  EXPECT_EQ(r.rc, 0) << r.log;
  ASSERT_EQ(Lines(out).size(), 1u);
  EXPECT_EQ(Lines(out)[0].rfind(R"({"id":"a1")", 0), 0u) << Lines(out)[0];
}

TEST(OfflineCli, EnrichReportsWhatTheContractRefusesAndWritesTheRest) {
  testing::TempDir dir;
  const std::string in = dir.path() + "/in.jsonl", out = dir.path() + "/out.jsonl";
  Write(in, std::string(R"({"id":"t","kind":"article"})") + "\n" +
                R"({"id":"c","kind":"comment","text":"I agree."})" + "\n" +
                R"({"id":"p","kind":"article","text":"Rain.","published_at":"2016-10-20"})" + "\n" + kArticle + "\n");
  CliRun r = Cli(dir, {"enrich", "--input", in, "--output", out});
  EXPECT_EQ(r.rc, 1) << r.log;
  EXPECT_NE(r.log.find("in.jsonl:1: missing_field"), std::string::npos) << r.log;
  EXPECT_NE(r.log.find("in.jsonl:2: missing_thread"), std::string::npos) << r.log;
  EXPECT_NE(r.log.find("in.jsonl:3: bad_timestamp"), std::string::npos) << r.log;
  ASSERT_EQ(Lines(out).size(), 1u);
  EXPECT_NE(Lines(out)[0].find(R"("id":"a1")"), std::string::npos);
}

// A comment's context comes from earlier lines, wherever the batch of 512
// lines the tool reads at once begins.
TEST(OfflineCli, ACommentFindsItsParentOnEarlierLinesOnly) {
  testing::TempDir dir;
  auto reply_of = [&](const std::string& name, const std::string& text) {
    const std::string in = dir.path() + "/" + name + ".jsonl", out = dir.path() + "/" + name + ".out";
    Write(in, text);
    CliRun r = Cli(dir, {"enrich", "--input", in, "--output", out});
    EXPECT_EQ(r.rc, 0) << r.log;
    for (const auto& l : Lines(out))
      if (l.find(R"("id":"c1")") != std::string::npos) {
        const size_t b = l.find("\"reply_stance\"");
        return l.substr(b, l.find('}', b) - b);  // not the timings after it
      }
    return std::string("no c1");
  };
  std::string fillers;
  for (int k = 0; k < 511; ++k)
    fillers += R"({"id":"f)" + std::to_string(k) + R"(","kind":"article","text":"Filler."})" + "\n";
  const std::string before = reply_of("before", std::string(kComment) + "\n" + kArticle + "\n");
  EXPECT_NE(before.find("parent_missing"), std::string::npos) << before;
  // The comment the batch's last line, its parent the next batch's first.
  EXPECT_EQ(reply_of("across", fillers + kComment + "\n" + kArticle + "\n"), before);
  const std::string after = reply_of("after", std::string(kArticle) + "\n" + kComment + "\n");
  EXPECT_EQ(after.find("parent_missing"), std::string::npos) << after;
}

TEST(OfflineCli, SplitRefusesFilesWhoseIdsWouldCollide) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() + "/x");
  std::filesystem::create_directories(dir.path() + "/y");
  Write(dir.path() + "/x/001.txt", "Title\n\nSome text here.\n");
  Write(dir.path() + "/y/001.txt", "Other\n\nOther text here.\n");
  const std::string out = dir.path() + "/out.jsonl";
  CliRun r = Cli(dir, {"split", dir.path() + "/x/001.txt", dir.path() + "/y/001.txt", "--output", out});
  EXPECT_EQ(r.rc, 1) << r.log;
  EXPECT_NE(r.log.find("id prefix seed001"), std::string::npos) << r.log;
  // A byte order mark is no part of the first article's text.
  Write(dir.path() + "/bom.txt", "\xEF\xBB\xBFTitle\n\nSome text here.\n");
  r = Cli(dir, {"split", dir.path() + "/bom.txt", "--output", out});
  EXPECT_EQ(r.rc, 0) << r.log;
  ASSERT_EQ(Lines(out).size(), 1u);
  EXPECT_NE(Lines(out)[0].find(R"("text":"Title\n\nSome text here.")"), std::string::npos) << Lines(out)[0];
}

TEST(OfflineCli, TrainersRefuseInputTheyCannotLearnFrom) {
  testing::TempDir dir;
  const std::string targets = std::string(TIDINGS_SOURCE_DIR) + "/tests/data/stance/targets.energy.ini";
  const std::string ex = dir.path() + "/ex.jsonl", model = dir.path() + "/model";
  Write(ex, R"({"id":"t1","kind":"article","text":"Coal is cheap.","gold":"FAVOR"})" "\n");
  CliRun r = Cli(dir, {"train", "stance", "--targets", targets, "--examples", ex, "--output", model});
  EXPECT_EQ(r.rc, 2) << r.log;
  EXPECT_NE(r.log.find("ex.jsonl:1: gold is not an object"), std::string::npos) << r.log;
  EXPECT_FALSE(std::filesystem::exists(model));
  const std::string empty = dir.path() + "/empty.conll";
  Write(empty, "");
  r = Cli(dir, {"train", "ner", "--corpus", "conll:" + empty, "--output", model});
  EXPECT_EQ(r.rc, 2) << r.log;
  EXPECT_NE(r.log.find("no sentences"), std::string::npos) << r.log;
  EXPECT_FALSE(std::filesystem::exists(model));
}

// What a trainer's options cannot mean is refused; what its input may have
// wrong (a reply before its parent) is said; a model directory and a target
// file that disagree are refused rather than one of them ignored.
TEST(OfflineCli, TrainersSayWhatTheirOptionsAndOrderMean) {
  testing::TempDir dir;
  const std::string targets = std::string(TIDINGS_SOURCE_DIR) + "/tests/data/stance/targets.energy.ini";
  const std::string ex = dir.path() + "/ex.jsonl", model = dir.path() + "/model";
  Write(ex, R"({"id":"t1","kind":"article","text":"Coal is cheap and good.","gold":{"stances":{"coal":"FAVOR","nuclear_power":"NONE"}}})" "\n"
            R"({"id":"t2","kind":"article","text":"Coal is filthy and bad.","gold":{"stances":{"coal":"AGAINST","nuclear_power":"NONE"}}})" "\n");
  CliRun r = Cli(dir, {"train", "stance", "--targets", targets, "--examples", ex, "--folds", "1", "--output", model});
  EXPECT_EQ(r.rc, 2) << r.log;
  EXPECT_NE(r.log.find("--folds 1 holds nothing out"), std::string::npos) << r.log;
  r = Cli(dir, {"train", "stance", "--targets", targets, "--examples", ex, "--bits", "24", "--output", model});
  EXPECT_NE(r.rc, 0) << r.log;
  EXPECT_FALSE(std::filesystem::exists(model));
  // A reply whose parent comes later is still learnt from, and said.
  const std::string threads = dir.path() + "/threads.jsonl";
  Write(threads, std::string(R"({"id":"c1","kind":"comment","thread_id":"a1","parent_id":"a1","text":"That is a lie.","gold":{"reply_stance":"DENY"}})") +
                     "\n" + kArticle + "\n" +
                     R"({"id":"c2","kind":"comment","thread_id":"a1","parent_id":"a1","text":"Is that so?","gold":{"reply_stance":"QUERY"}})" "\n");
  r = Cli(dir, {"train", "reply", "--examples", threads, "--output", dir.path() + "/reply"});
  EXPECT_EQ(r.rc, 0) << r.log;
  EXPECT_NE(r.log.find("1 labelled replies of " + threads + " have no parent on an earlier line (the first at line 1)"),
            std::string::npos)
      << r.log;
  // A stance model with a target file that is not its own.
  r = Cli(dir, {"train", "stance", "--targets", targets, "--examples", ex, "--output", model});
  ASSERT_EQ(r.rc, 0) << r.log;
  const std::string in = dir.path() + "/in.jsonl", out = dir.path() + "/out.jsonl";
  Write(in, std::string(kArticle) + "\n");
  const std::string other = dir.path() + "/other.ini";
  Write(other, "[coal]\naliases = coal\n");
  r = Cli(dir, {"enrich", "--targets", other, "--stance-model", model, "--input", in, "--output", out});
  EXPECT_EQ(r.rc, 2) << r.log;
  EXPECT_NE(r.log.find("differs from the targets the stance model"), std::string::npos) << r.log;
  r = Cli(dir, {"enrich", "--targets", targets, "--stance-model", model, "--input", in, "--output", out});
  EXPECT_EQ(r.rc, 0) << r.log;  // the same file: nothing is ignored
}

TEST(OfflineCli, QuerySaysWhatItsOptionsNeed) {
  testing::TempDir dir;
  CliRun r = Cli(dir, {"query", "--db", dir.path() + "/none", "--all", "--limit", "0"});
  EXPECT_EQ(r.rc, 2) << r.log;
  r = Cli(dir, {"query", "--db", dir.path() + "/none", "--stance", "FAVOR"});
  EXPECT_EQ(r.rc, 2) << r.log;
  EXPECT_NE(r.log.find("--stance needs --target"), std::string::npos) << r.log;
}

}  // namespace
}  // namespace tidings
