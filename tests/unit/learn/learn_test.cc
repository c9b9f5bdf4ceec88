// The learning core (enrich/learn): the perceptron learns signals it is
// given, Viterbi keeps to the allowed steps, and the model file format is
// versioned and fails loudly when corrupt.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <limits>
#include <random>

#include "enrich/learn/hash.h"
#include "enrich/learn/model.h"
#include "enrich/learn/perceptron.h"

namespace tidings::enrich::learn {
namespace {

// Examples whose label is told by one of two signal features, among noise.
std::vector<std::pair<std::vector<uint64_t>, size_t>> Synthetic(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::pair<std::vector<uint64_t>, size_t>> out;
  for (size_t i = 0; i < n; ++i) {
    const size_t label = rng() % 3;
    std::vector<uint64_t> f = {Feature(1, "bias"), Feature(2, "signal" + std::to_string(label))};
    for (int k = 0; k < 5; ++k) f.push_back(Feature(3, "noise" + std::to_string(rng() % 50)));
    out.emplace_back(std::move(f), label);
  }
  return out;
}

size_t Argmax(const LinearModel& m, const std::vector<uint64_t>& f) {
  std::vector<float> s(m.num_labels());
  m.Scores(f.data(), f.size(), s.data());
  return static_cast<size_t>(std::max_element(s.begin(), s.end()) - s.begin());
}

LinearModel TrainSynthetic() {
  PerceptronTrainer t({"a", "b", "c"}, 12, false);
  for (int epoch = 0; epoch < 5; ++epoch) {
    for (const auto& [f, y] : Synthetic(300, 1)) t.TrainOne(f, y);
  }
  return t.Finish({{"kind", "test"}, {"note", "synthetic"}});
}

TEST(Learn, PerceptronSeparatesKnownSignal) {
  const LinearModel m = TrainSynthetic();
  size_t right = 0;
  const auto test = Synthetic(200, 2);  // unseen noise
  for (const auto& [f, y] : test) right += Argmax(m, f) == y;
  EXPECT_GE(right, test.size() * 97 / 100);  // noise collides with signal now and then
  // The signal outweighs any noise feature.
  std::vector<float> signal(3), noise(3);
  m.RowOf(Feature(2, "signal1"), signal.data());
  m.RowOf(Feature(3, "noise7"), noise.data());
  EXPECT_GT(signal[1], std::fabs(noise[1]) * 2);
}

TEST(Learn, TrainingIsDeterministic) {
  EXPECT_EQ(TrainSynthetic().Serialize(), TrainSynthetic().Serialize());
}

TEST(Learn, ViterbiKeepsToAllowedSteps) {
  // Labels O, B, I: I only after B or I. Emissions prefer I at position 0.
  const float none = -std::numeric_limits<float>::infinity();
  const float trans[] = {0, 0, none, 0, 0, 0, 0, 0, 0, 0, 0, none};  // rows O, B, I, start
  const float em[] = {0, 0, 5, 0, 0, 5, 3, 0, 0};
  int out[3];
  Viterbi(em, 3, 3, trans, out);
  EXPECT_NE(out[0], 2);
  EXPECT_EQ(out[1], 2);  // after whatever came first, I is allowed only after B or I
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[2], 0);
}

TEST(Learn, ModelFileRoundTrips) {
  const LinearModel m = TrainSynthetic();
  auto back = LinearModel::Parse(m.Serialize(), "mem");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->labels(), m.labels());
  EXPECT_EQ(back->manifest().at("note"), "synthetic");
  EXPECT_EQ(back->Serialize(), m.Serialize());
  const auto f = Synthetic(1, 3)[0].first;
  EXPECT_EQ(Argmax(*back, f), Argmax(m, f));
}

TEST(Learn, CorruptFilesAreClearErrors) {
  const std::string good = TrainSynthetic().Serialize();
  std::string flipped = good;
  flipped[flipped.size() / 2] ^= 0x40;
  auto r = LinearModel::Parse(flipped, "flipped.bin");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("flipped.bin"), std::string::npos);
  EXPECT_NE(r.status().message().find("checksum"), std::string::npos);

  r = LinearModel::Parse(good.substr(0, good.size() - 100), "short.bin");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("corrupt"), std::string::npos);

  r = LinearModel::Parse("not a model at all", "text.bin");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("magic"), std::string::npos);

  std::string other_version = good;
  other_version[8] = static_cast<char>(kFormatVersion + 1);
  r = LinearModel::Parse(other_version, "new.bin");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("format version " + std::to_string(kFormatVersion + 1)),
            std::string::npos);
  EXPECT_EQ(r.status().code(), ErrorCode::kConfig);
}

TEST(Learn, SaveIsAtomicAndLoadNamesMissingFiles) {
  const auto dir = std::filesystem::temp_directory_path() / "tidings_learn_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "m.bin").string();
  ASSERT_TRUE(TrainSynthetic().Save(path).ok());
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  EXPECT_TRUE(LinearModel::Load(path).ok());
  auto r = LinearModel::Load((dir / "absent.bin").string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kIo);
  EXPECT_NE(r.status().message().find("absent.bin"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(Learn, FoldsAreStableAndSpread) {
  std::vector<size_t> count(5);
  for (int i = 0; i < 1000; ++i) {
    const std::string key = "doc" + std::to_string(i);
    EXPECT_EQ(FoldOf(key, 5), FoldOf(key, 5));
    ++count[FoldOf(key, 5)];
  }
  for (size_t c : count) EXPECT_GT(c, 150u);
}

}  // namespace
}  // namespace tidings::enrich::learn
