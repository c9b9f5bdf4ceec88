#pragma once
// Little-endian writing and bounds-checked reading of the learn file formats
// (model.bin: learn/model.h; clusters.bin: learn/clusters.h). Internal to
// enrich/learn.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace tidings::enrich::learn {

inline void PutU16(std::string* s, uint16_t v) { s->append(reinterpret_cast<const char*>(&v), 2); }
inline void PutU32(std::string* s, uint32_t v) { s->append(reinterpret_cast<const char*>(&v), 4); }
inline void PutU64(std::string* s, uint64_t v) { s->append(reinterpret_cast<const char*>(&v), 8); }
inline void PutF32(std::string* s, float v) { s->append(reinterpret_cast<const char*>(&v), 4); }

// Bounds-checked reads from a file's bytes: each returns false, and reads
// nothing, when too few bytes are left.
class ByteReader {
 public:
  explicit ByteReader(std::string_view b) : b_(b) {}
  template <typename T>
  bool Get(T* v) {
    if (b_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(v, b_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool Bytes(size_t n, std::string_view* v) {
    if (b_.size() - pos_ < n) return false;
    *v = b_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  size_t pos() const { return pos_; }

 private:
  std::string_view b_;
  size_t pos_ = 0;
};

}  // namespace tidings::enrich::learn
