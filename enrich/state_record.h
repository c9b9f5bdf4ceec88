#pragma once
// The enricher's state-store records (tidings/v1/thread_state.proto) carry a
// format number, so that a changelog written by another format fails to load
// instead of being misread. One parser for each of them.

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/status.h"

namespace tidings::enrich {

// Parses `bytes` as message M whose `format` must be `format`; kInvalidProtobuf
// naming the message otherwise.
template <typename M>
Result<M> ParseStateRecord(std::string_view bytes, uint32_t format) {
  M m;
  const std::string& name = M::descriptor()->full_name();
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return Status(ErrorCode::kInvalidProtobuf, "not a " + name);
  if (m.format() != format)
    return Status(ErrorCode::kInvalidProtobuf, name.substr(name.rfind('.') + 1) + " of format " +
                                                   std::to_string(m.format()) + ", this enricher reads format " +
                                                   std::to_string(format));
  return m;
}

}  // namespace tidings::enrich
