#include "enrich/learn/model.h"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>

#include "enrich/learn/bytes.h"
#include "enrich/learn/hash.h"

namespace tidings::enrich::learn {
namespace {

constexpr std::string_view kMagic = "TIDLRN\r\n";
constexpr uint32_t kMaxBits = 26;
constexpr size_t kMaxLabels = 1024;

}  // namespace

LinearModel::LinearModel(std::vector<std::string> labels, uint32_t bits, bool transitions)
    : labels_(std::move(labels)), bits_(bits), mask_((uint64_t{1} << bits) - 1) {
  stride_ = StrideFor(labels_.size());
  AllocateRows(size_t{1} << bits);
  if (transitions) trans_.assign((labels_.size() + 1) * labels_.size(), 0.f);
}

int LinearModel::LabelIndex(std::string_view label) const {
  for (size_t i = 0; i < labels_.size(); ++i) {
    if (labels_[i] == label) return static_cast<int>(i);
  }
  return -1;
}

void LinearModel::AllocateRows(size_t rows) {
  constexpr size_t kAlign = 64 / sizeof(int16_t);
  q_.assign(rows * stride_ + kAlign, 0);
  const auto addr = reinterpret_cast<uintptr_t>(q_.data());
  q_off_ = ((64 - addr % 64) % 64) / sizeof(int16_t);
}

void LinearModel::RowOf(uint64_t feature, float* out) const {
  const size_t l = labels_.size();
  const int16_t* row = Row(feature & mask_);
  for (size_t k = 0; k < l; ++k) out[k] = static_cast<float>(row[k]) * scale_;
}

void LinearModel::ScoresSlow(const uint64_t* features, size_t n, float* scores) const {
  const size_t l = labels_.size();
  std::vector<int64_t> sum(l, 0);
  for (size_t f = 0; f < n; ++f) {
    const int16_t* row = Row(features[f] & mask_);
    for (size_t k = 0; k < l; ++k) sum[k] += row[k];
  }
  for (size_t k = 0; k < l; ++k) scores[k] = static_cast<float>(sum[k]) * scale_;
}

void LinearModel::SetWeights(const std::vector<float>& w, const std::vector<float>& trans) {
  float max_abs = 0.f;
  for (float v : w) max_abs = std::max(max_abs, std::fabs(v));
  scale_ = max_abs > 0.f ? max_abs / 32767.f : 1.f;
  const size_t l = labels_.size();
  AllocateRows(w.size() / l);
  for (size_t i = 0; i < w.size(); ++i) {
    MutableRow(i / l)[i % l] =
        static_cast<int16_t>(std::lround(std::clamp(w[i] / scale_, -32767.f, 32767.f)));
  }
  trans_ = trans;
}

size_t LinearModel::NonZeroRows() const {
  const size_t l = labels_.size();
  size_t n = 0;
  for (size_t r = 0; l > 0 && r < (size_t{1} << bits_); ++r) {
    for (size_t k = 0; k < l; ++k) {
      if (Row(r)[k] != 0) {
        ++n;
        break;
      }
    }
  }
  return n;
}

std::string LinearModel::Serialize() const {
  std::string s(kMagic);
  PutU32(&s, kFormatVersion);
  std::string man;
  for (const auto& [k, v] : manifest_) man += k + "=" + v + "\n";
  PutU32(&s, static_cast<uint32_t>(man.size()));
  s += man;
  PutU32(&s, static_cast<uint32_t>(labels_.size()));
  for (const auto& l : labels_) {
    PutU16(&s, static_cast<uint16_t>(l.size()));
    s += l;
  }
  PutU32(&s, bits_);
  PutF32(&s, scale_);
  PutU32(&s, static_cast<uint32_t>(trans_.size()));
  for (float t : trans_) PutF32(&s, t);
  const size_t l = labels_.size();
  PutU64(&s, NonZeroRows());
  for (size_t r = 0; l > 0 && r < (size_t{1} << bits_); ++r) {
    const int16_t* row = Row(r);
    if (std::all_of(row, row + l, [](int16_t v) { return v == 0; })) continue;
    PutU32(&s, static_cast<uint32_t>(r));
    s.append(reinterpret_cast<const char*>(row), l * sizeof(int16_t));
  }
  PutU64(&s, HashBytes(s));
  return s;
}

Result<LinearModel> LinearModel::Parse(std::string_view bytes, std::string_view what) {
  const std::string where(what);
  auto corrupt = [&](std::string_view why) {
    return Status(ErrorCode::kConfig, where + " is not a valid tidings model: " + std::string(why));
  };
  if (bytes.size() < kMagic.size() + 4 || bytes.substr(0, kMagic.size()) != kMagic) {
    return corrupt("it does not start with the model magic bytes");
  }
  ByteReader r(bytes.substr(kMagic.size()));
  uint32_t version = 0;
  r.Get(&version);
  if (version != kFormatVersion) {
    return Status(ErrorCode::kConfig, where + " has model format version " + std::to_string(version) +
                                          "; this tidings reads version " +
                                          std::to_string(kFormatVersion) + " (retrain or use a matching tidings)");
  }
  if (bytes.size() < kMagic.size() + 12) return corrupt("it is truncated");
  uint64_t want = 0;
  std::memcpy(&want, bytes.data() + bytes.size() - 8, 8);
  if (HashBytes(bytes.substr(0, bytes.size() - 8)) != want) {
    return corrupt("checksum mismatch (the file is corrupt or truncated)");
  }
  LinearModel m;
  uint32_t n = 0;
  std::string_view v;
  if (!r.Get(&n) || !r.Bytes(n, &v)) return corrupt("bad manifest");
  for (size_t p = 0; p < v.size();) {
    size_t e = v.find('\n', p);
    if (e == std::string_view::npos) e = v.size();
    std::string_view line = v.substr(p, e - p);
    size_t eq = line.find('=');
    if (eq != std::string_view::npos) {
      m.manifest_[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
    }
    p = e + 1;
  }
  if (!r.Get(&n) || n == 0 || n > kMaxLabels) return corrupt("bad label count");
  for (uint32_t i = 0; i < n; ++i) {
    uint16_t len = 0;
    if (!r.Get(&len) || !r.Bytes(len, &v)) return corrupt("bad label");
    m.labels_.emplace_back(v);
  }
  if (!r.Get(&m.bits_) || m.bits_ == 0 || m.bits_ > kMaxBits) return corrupt("bad hash bits");
  if (!r.Get(&m.scale_) || !std::isfinite(m.scale_)) return corrupt("bad scale");
  m.mask_ = (uint64_t{1} << m.bits_) - 1;
  const size_t l = m.labels_.size();
  m.stride_ = m.StrideFor(l);
  uint32_t nt = 0;
  if (!r.Get(&nt) || (nt != 0 && nt != (l + 1) * l)) return corrupt("bad transition table");
  m.trans_.resize(nt);
  for (auto& t : m.trans_) {
    if (!r.Get(&t)) return corrupt("truncated transition table");
  }
  uint64_t rows = 0;
  const size_t n_rows = size_t{1} << m.bits_;
  if (!r.Get(&rows) || rows > n_rows) return corrupt("bad row count");
  m.AllocateRows(n_rows);
  for (uint64_t i = 0; i < rows; ++i) {
    uint32_t row = 0;
    if (!r.Get(&row) || row >= n_rows || !r.Bytes(l * sizeof(int16_t), &v)) {
      return corrupt("bad weight row");
    }
    std::memcpy(m.MutableRow(row), v.data(), v.size());
  }
  if (r.pos() + kMagic.size() + 8 != bytes.size()) return corrupt("trailing bytes");
  return m;
}

Result<LinearModel> LinearModel::Load(const std::string& path) {
  std::string bytes;
  TIDINGS_RETURN_IF_ERROR(ReadFile(path, &bytes));
  return Parse(bytes, path);
}

Status LinearModel::Save(const std::string& path) const {
  return WriteFileAtomically(path, Serialize());
}

std::string ManifestJson(const Manifest& m) {
  std::string s = "{\n";
  size_t k = 0;
  for (const auto& [key, value] : m) {
    s += "  \"" + key + "\": \"";
    for (char c : value) {
      if (c == '"' || c == '\\') s += '\\';
      if (c == '\n') {
        s += "\\n";
        continue;
      }
      s += c;
    }
    s += ++k < m.size() ? "\",\n" : "\"\n";
  }
  return s + "}\n";
}

Status ReadFile(const std::string& path, std::string* out) {
  // A directory opens as a stream too, and reports a size no file has.
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    return Status(ErrorCode::kIo, "cannot read " + path + ": not a regular file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kIo, "cannot open " + path + ": " + std::strerror(errno));
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) return Status(ErrorCode::kIo, "cannot read " + path);
  out->resize(static_cast<size_t>(size));
  in.seekg(0);
  in.read(out->data(), size);
  if (!in) return Status(ErrorCode::kIo, "cannot read " + path);
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status(ErrorCode::kIo, "cannot write " + tmp + ": " + std::strerror(errno));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return Status(ErrorCode::kIo, "cannot write " + tmp + ": " + std::strerror(errno));
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status(ErrorCode::kIo, "cannot rename " + tmp + " to " + path + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace tidings::enrich::learn
