#pragma once
// How the store tells RocksDB's failures apart, and what its writer does
// about each. Every RocksDB error becomes a tidings Status whose message
// keeps RocksDB's code, subcode and severity, plus an ErrorKind: the label
// of tidings_store_errors_total{kind} and the input of the retry policy.

#include <chrono>
#include <string_view>

#include "runtime/status.h"

namespace rocksdb {
class Status;
}  // namespace rocksdb

namespace tidings::store {

enum class ErrorKind {
  kNone,
  kNoSpace,     // the disk (or the space limit) is full: retried
  kBusy,        // busy, try again, timed out: retried
  kIo,          // another I/O error: retried
  kCorruption,  // a checksum or format error in a file: the daemon exits
  kOther,       // invalid argument, not supported, ...: the daemon exits
};

// "no_space", "busy", "io", "corruption", "other" ("none" for kNone).
std::string_view ErrorKindName(ErrorKind kind);

// The kind of a RocksDB status (kNone when it is OK).
ErrorKind Classify(const rocksdb::Status& s);

// True when a write that failed with this kind may succeed later (after
// DB::Resume() or a reopen): no space, busy, I/O. False for corruption and
// for errors that say the call itself is wrong.
bool Retriable(ErrorKind kind);

// The RocksDB status as a tidings Status (ErrorCode::kIo unless OK):
// "<what>: <RocksDB's message> [rocksdb code=IOError subcode=NoSpace
// severity=hard_error]". Sets *kind when kind is not null.
Status FromRocks(const rocksdb::Status& s, std::string_view what, ErrorKind* kind = nullptr);

// How long the writer waits before retry number `attempt` (0 = the first
// retry): `first`, doubled each time, at most `max`.
std::chrono::milliseconds RetryDelay(int attempt, std::chrono::milliseconds first, std::chrono::milliseconds max);

}  // namespace tidings::store
