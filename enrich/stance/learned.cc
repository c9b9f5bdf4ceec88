#include "enrich/stance/learned.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "enrich/names/tagger.h"

// The reply and stance models shipped in the repository, compiled in by
// enrich/CMakeLists.txt (empty when the build has none).
extern "C" const char tidings_reply_model_begin[];
extern "C" const char tidings_reply_model_end[];
extern "C" const char tidings_stance_model_begin[];
extern "C" const char tidings_stance_model_end[];

namespace tidings::enrich::stance {

const std::vector<std::string>& StanceLabels() {
  static const std::vector<std::string> k = {"FAVOR", "AGAINST", "NONE"};
  return k;
}
const std::vector<std::string>& ReplyLabels() {
  static const std::vector<std::string> k = {"SUPPORT", "DENY", "QUERY", "COMMENT"};
  return k;
}

Status CheckModel(const learn::LinearModel& m, std::string_view kind, std::string_view what) {
  const std::string where(what);
  const auto& man = m.manifest();
  auto get = [&](const char* k) {
    auto it = man.find(k);
    return it == man.end() ? std::string() : it->second;
  };
  if (get("kind") != kind)
    return Status(ErrorCode::kConfig, where + " is not a " + std::string(kind) + " model (kind '" + get("kind") + "')");
  const std::string_view fs = kind == kStanceKind ? kStanceFeatureSet : kReplyFeatureSet;
  const std::string got = get("feature_set");
  const bool variant = kind == kStanceKind
                           ? got == kStanceSettingsFeatureSet || got == kStanceV2FeatureSet
                           : got == kReplyBiasFeatureSet;
  if (got != fs && !variant) {
    const std::string known = kind == kStanceKind ? "'stance-v2' (and reads 'stance-v1', 'stance-v1-settings')"
                                                  : "'reply-v2' (and reads 'reply-v2-bias')";
    return Status(ErrorCode::kConfig, where + " was trained with feature set '" + get("feature_set") +
                                          "'; this tidings computes " + known + " (retrain it)");
  }
  const auto& labels = kind == kStanceKind ? StanceLabels() : ReplyLabels();
  if (m.labels() != labels)
    return Status(ErrorCode::kConfig, where + " has labels other than this tidings' " + std::string(kind) + " labels");
  return Status::Ok();
}

Result<std::shared_ptr<const learn::WordClusters>> StanceClusters(const learn::LinearModel& m,
                                                                 std::string_view what) {
  const auto fs = m.manifest().find("feature_set");
  const auto cl = m.manifest().find("clusters_checksum");
  const bool with = fs != m.manifest().end() && fs->second == kStanceV2FeatureSet && cl != m.manifest().end();
  if (!with) return std::shared_ptr<const learn::WordClusters>();
  auto c = names::NameModel::BuiltInClusters();
  if (!c.ok())
    return Status(ErrorCode::kConfig, std::string(what) + " was trained with word clusters (checksum " + cl->second +
                                          ") and this build has none: " + c.status().message());
  if (names::ChecksumHex((*c)->checksum()) != cl->second)
    return Status(ErrorCode::kConfig, std::string(what) + " was trained with word clusters of checksum " +
                                          cl->second + ", not with this build's (checksum " +
                                          names::ChecksumHex((*c)->checksum()) + "): retrain it");
  return c;
}

Result<learn::LinearModel> LoadModelDir(const std::string& dir, std::string_view kind) {
  const std::string file = dir + "/model.bin";
  auto m = learn::LinearModel::Load(file);
  if (!m.ok()) return Status(ErrorCode::kConfig, m.status().message());
  TIDINGS_RETURN_IF_ERROR(CheckModel(*m, kind, file));
  return m;
}

namespace {

Result<learn::LinearModel> BuiltIn(const char* begin, const char* end, std::string_view kind) {
  const std::string what = "<built-in " + std::string(kind) + " model>";
  const size_t n = static_cast<size_t>(end - begin);
  if (n == 0) return Status(ErrorCode::kNotFound, "no " + what);
  auto m = learn::LinearModel::Parse(std::string_view(begin, n), what);
  if (!m.ok()) return m.status();
  TIDINGS_RETURN_IF_ERROR(CheckModel(*m, kind, what));
  return m;
}

}  // namespace

Result<learn::LinearModel> BuiltInReplyModel() {
  return BuiltIn(tidings_reply_model_begin, tidings_reply_model_end, kReplyKind);
}

Result<learn::LinearModel> BuiltInStanceModel() {
  return BuiltIn(tidings_stance_model_begin, tidings_stance_model_end, kStanceKind);
}

namespace features {

std::vector<std::string> TopFeatures(const learn::LinearModel& m, const std::vector<uint64_t>& f,
                                     const std::vector<std::string>& names, size_t label, size_t max) {
  const size_t l = m.num_labels();
  std::map<std::string, float> by_name;  // the same feature may occur more than once
  std::vector<float> row(l);
  for (size_t i = 0; i < f.size() && i < names.size(); ++i) {
    m.RowOf(f[i], row.data());
    float others = 0;
    for (size_t k = 0; k < l; ++k)
      if (k != label) others += row[k];
    by_name[names[i]] += row[label] - others / static_cast<float>(l - 1);
  }
  std::vector<std::pair<float, std::string>> v;
  for (auto& [n, w] : by_name)
    if (w > 0) v.push_back({w, n});
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (size_t i = 0; i < v.size() && i < max; ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "(+%.3g)", v[i].first);
    out.push_back(v[i].second + buf);
  }
  return out;
}

}  // namespace features
}  // namespace tidings::enrich::stance
