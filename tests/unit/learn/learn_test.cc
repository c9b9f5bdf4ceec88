// The learning core (enrich/learn): the perceptron learns signals it is
// given, Viterbi keeps to the allowed steps, and the model file format is
// versioned and fails loudly when corrupt.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <random>

#include "enrich/learn/clusters.h"
#include "enrich/learn/hash.h"
#include "enrich/learn/model.h"
#include "enrich/learn/perceptron.h"
#include "enrich/learn/sgd.h"

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

LinearModel TrainSgd(Loss loss, double l2) {
  SgdTrainer t({"a", "b", "c"}, 12, SgdOptions{loss, l2, 0.5});
  for (int epoch = 0; epoch < 5; ++epoch) {
    if (epoch == 4) t.StartAveraging();
    for (const auto& [f, y] : Synthetic(300, 1)) t.Step(f.data(), f.size(), y, 1.f);
  }
  return t.Finish({{"kind", "test"}});
}

TEST(Learn, SgdSeparatesKnownSignalWithEitherLoss) {
  for (Loss loss : {Loss::kLogistic, Loss::kHinge}) {
    const LinearModel m = TrainSgd(loss, 1e-3);
    size_t right = 0;
    const auto test = Synthetic(200, 2);
    for (const auto& [f, y] : test) right += Argmax(m, f) == y;
    EXPECT_GE(right, test.size() * 97 / 100) << LossName(loss);
    std::vector<float> signal(3), noise(3);
    m.RowOf(Feature(2, "signal1"), signal.data());
    m.RowOf(Feature(3, "noise7"), noise.data());
    EXPECT_GT(signal[1], std::fabs(noise[1]) * 2) << LossName(loss);
  }
  EXPECT_EQ(TrainSgd(Loss::kLogistic, 1e-3).Serialize(), TrainSgd(Loss::kLogistic, 1e-3).Serialize());
}

TEST(Learn, SgdPenaltyKeepsWeightsSmall) {
  // The same data under a 100 times larger penalty: smaller weights, the
  // same decisions on the signal.
  std::vector<float> loose(3), tight(3);
  TrainSgd(Loss::kLogistic, 1e-4).RowOf(Feature(2, "signal2"), loose.data());
  const LinearModel m = TrainSgd(Loss::kLogistic, 1e-2);
  m.RowOf(Feature(2, "signal2"), tight.data());
  EXPECT_GT(tight[2], 0.f);
  EXPECT_LT(tight[2], loose[2]);
  EXPECT_EQ(Argmax(m, {Feature(1, "bias"), Feature(2, "signal2")}), 2u);
  // Losses by name, and a clear error for another.
  EXPECT_EQ(*ParseLoss("hinge"), Loss::kHinge);
  auto bad = ParseLoss("svm");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("want logistic or hinge"), std::string::npos);
}

TEST(Learn, SgdKeepsTheMeanOfTheLastEpochsWeights) {
  // The scaled, accumulated averaging against plain SGD on dense weights
  // that averages the weights after every step of the last epoch.
  const std::vector<std::pair<std::vector<uint64_t>, size_t>> data = Synthetic(40, 3);
  const double l2 = 0.05, eta0 = 0.5;
  const float weight[3] = {1.f, 2.5f, 0.7f};
  SgdTrainer t({"a", "b", "c"}, 10, SgdOptions{Loss::kLogistic, l2, eta0});
  const size_t rows = size_t{1} << 10;
  std::vector<double> w(rows * 3, 0.0), sum(rows * 3, 0.0);
  double steps = 0, averaged = 0;
  for (int epoch = 0; epoch < 3; ++epoch) {
    if (epoch == 2) t.StartAveraging();
    for (const auto& [f, y] : data) {
      t.Step(f.data(), f.size(), y, weight[y]);
      // The same step on dense weights.
      double sc[3] = {0, 0, 0};
      for (uint64_t x : f)
        for (size_t k = 0; k < 3; ++k) sc[k] += w[(x & (rows - 1)) * 3 + k];
      const double mx = std::max({sc[0], sc[1], sc[2]});
      double p[3], z = 0;
      for (size_t k = 0; k < 3; ++k) z += p[k] = std::exp(sc[k] - mx);
      const double eta = eta0 / (1 + l2 * eta0 * steps);
      steps += 1;
      for (double& v : w) v *= 1 - eta * l2;
      for (size_t k = 0; k < 3; ++k) {
        const double g = (p[k] / z - (k == y ? 1.0 : 0.0)) * weight[y];
        for (uint64_t x : f) w[(x & (rows - 1)) * 3 + k] -= eta * g;
      }
      if (epoch == 2) {
        for (size_t i = 0; i < w.size(); ++i) sum[i] += w[i];
        averaged += 1;
      }
    }
  }
  const LinearModel m = t.Finish({{"kind", "test"}});
  double max_abs = 0;
  for (double v : sum) max_abs = std::max(max_abs, std::fabs(v / averaged));
  ASSERT_GT(max_abs, 0.1);
  for (const auto& [f, y] : data) {
    for (uint64_t x : f) {
      std::vector<float> row(3);
      m.RowOf(x, row.data());
      for (size_t k = 0; k < 3; ++k) {
        // int16 weights: within a few steps of max / 32767 (and float sums).
        EXPECT_NEAR(row[k], sum[(x & (rows - 1)) * 3 + k] / averaged, max_abs * 1e-3) << x << " " << k;
      }
    }
  }
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
  r = LinearModel::Load(dir.string());  // a directory: an error, not an allocation of its "size"
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kIo);
  EXPECT_NE(r.status().message().find("not a regular file"), std::string::npos) << r.status().message();
  std::filesystem::remove_all(dir);
}

std::string LowerKey(std::string_view w) {
  std::string k(w);
  for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return k;
}

// Word clusters: read from their TSV form, keyed as the tagger looks words
// up, the first line of a key winning; the binary form round-trips and its
// defects are errors naming the file.
TEST(Learn, WordClustersReadTheirTsvAndRoundTrip) {
  auto c = WordClusters::FromTsv("# a comment\nFeyenoord\t52 14 3\nporto\t52 14 3\nPORTO\t9 9 9\n\ngreater\t7 1 0\n#\t2 2 2\n",
                                 "c.tsv", LowerKey);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->levels(), 3u);
  EXPECT_EQ(c->size(), 3u);
  EXPECT_EQ(c->Find("#"), nullptr);  // a comment line, whatever follows
  const uint16_t* f = c->Find("feyenoord");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f[0], 52);
  EXPECT_EQ(f[1], 14);
  EXPECT_EQ(f[2], 3);
  ASSERT_NE(c->Find("porto"), nullptr);
  EXPECT_EQ(c->Find("porto")[0], 52);  // the first line of the key
  EXPECT_EQ(c->Find("Feyenoord"), nullptr);  // keys only
  EXPECT_EQ(c->Find("ajax"), nullptr);
  EXPECT_EQ(c->FindFingerprint(WordClusters::Fingerprint("greater")), c->Find("greater"));

  const std::string bin = c->Serialize();
  auto back = WordClusters::Parse(bin, "clusters.bin");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->checksum(), c->checksum());
  EXPECT_EQ(back->Serialize(), bin);
  ASSERT_NE(back->Find("greater"), nullptr);
  EXPECT_EQ(back->Find("greater")[0], 7);
}

// The batch look-up finds what one look-up at a time finds, for lists
// shorter and longer than its look-ahead, words present and absent.
TEST(Learn, WordClustersFindABatchAsOneByOne) {
  std::string tsv;
  for (int i = 0; i < 500; ++i) tsv += "w" + std::to_string(i) + "\t" + std::to_string(i % 97) + " 1\n";
  auto c = WordClusters::FromTsv(tsv, "c.tsv", LowerKey);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  for (size_t n : {size_t{0}, size_t{1}, size_t{7}, size_t{16}, size_t{17}, size_t{300}}) {
    std::vector<uint64_t> fps;
    for (size_t i = 0; i < n; ++i)
      fps.push_back(WordClusters::Fingerprint((i % 3 == 0 ? "x" : "w") + std::to_string(i * 7 % 600)));
    std::vector<const uint16_t*> got(n, reinterpret_cast<const uint16_t*>(1));
    c->FindFingerprints(fps.data(), n, got.data());
    for (size_t i = 0; i < n; ++i) EXPECT_EQ(got[i], c->FindFingerprint(fps[i])) << n << " " << i;
  }
  WordClusters empty;
  uint64_t one = WordClusters::Fingerprint("w1");
  const uint16_t* out = reinterpret_cast<const uint16_t*>(1);
  empty.FindFingerprints(&one, 1, &out);
  EXPECT_EQ(out, nullptr);
}

TEST(Learn, WordClusterDefectsAreClearErrors) {
  auto bad = [](std::string_view tsv) {
    auto r = WordClusters::FromTsv(tsv, "c.tsv", LowerKey);
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_NE(bad("a\t1 2\nb\t1\n").find("c.tsv:2: 1 cluster ids where the first line had 2"), std::string::npos);
  EXPECT_NE(bad("a 1 2\n").find("c.tsv:1: expected word<TAB>ids"), std::string::npos);
  EXPECT_NE(bad("a\t1 x\n").find("c.tsv:1: cluster ids must be numbers"), std::string::npos);
  EXPECT_NE(bad("a\t70000\n").find("c.tsv:1:"), std::string::npos);
  EXPECT_NE(bad("a\t1 2 3 4 5\n").find("at most 4"), std::string::npos);
  EXPECT_NE(bad("").find("no words"), std::string::npos);
  EXPECT_NE(bad("# only a comment\n").find("no words"), std::string::npos);

  auto c = WordClusters::FromTsv("a\t1 2\nb\t3 4\n", "c.tsv", LowerKey);
  ASSERT_TRUE(c.ok());
  const std::string good = c->Serialize();
  std::string flipped = good;
  flipped[good.size() - 12] ^= 0x10;
  auto r = WordClusters::Parse(flipped, "flipped.bin");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kConfig);
  EXPECT_NE(r.status().message().find("flipped.bin is corrupt: checksum mismatch"), std::string::npos);
  r = WordClusters::Parse(good.substr(0, good.size() - 3), "short.bin");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("short.bin is corrupt"), std::string::npos);
  r = WordClusters::Parse(TrainSynthetic().Serialize(), "model.bin");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not a word-cluster file"), std::string::npos);
  std::string other_version = good;
  other_version[8] = static_cast<char>(kClustersFormatVersion + 1);
  r = WordClusters::Parse(other_version, "new.bin");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("format version " + std::to_string(kClustersFormatVersion + 1)),
            std::string::npos);
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
