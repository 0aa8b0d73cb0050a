#pragma once
// What the fuzz targets share: a failed property is a crash (abort), so that
// libFuzzer keeps the input and the replay test names it.

#include <cstdio>
#include <cstdlib>
#include <string>

namespace sifund_fuzz {

[[noreturn]] inline void violated(const char* property, const std::string& detail) {
    std::fprintf(stderr, "fuzz property violated: %s: %s\n", property, detail.c_str());
    std::abort();
}

#define SIFUND_FUZZ_REQUIRE(condition, detail) \
    do {                                       \
        if (!(condition)) ::sifund_fuzz::violated(#condition, (detail)); \
    } while (false)

}  // namespace sifund_fuzz
