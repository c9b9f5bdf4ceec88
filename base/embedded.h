#pragma once
// Files compiled into a target by tidings_embed_file() in the root
// CMakeLists.txt (the assembler's .incbin): enrich's knowledge base, stance
// data and models, the store's web page. At namespace scope,
//
//   TIDINGS_DECLARE_EMBEDDED(stance_cues);
//
// declares the bounds of one; TIDINGS_EMBEDDED(stance_cues) is then its bytes
// as a std::string_view, valid for the life of the process (empty for an
// OPTIONAL file the build did not have).

#include <cstddef>
#include <string_view>

#define TIDINGS_DECLARE_EMBEDDED(symbol)            \
  extern "C" const char tidings_##symbol##_begin[]; \
  extern "C" const char tidings_##symbol##_end[]

#define TIDINGS_EMBEDDED(symbol)                    \
  ::std::string_view(tidings_##symbol##_begin,      \
                     static_cast<::std::size_t>(tidings_##symbol##_end - tidings_##symbol##_begin))
