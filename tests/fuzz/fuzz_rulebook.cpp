// Fuzz target: a rulebook's rules as JSON. Any JSON is either a rulebook or
// refused with a sifund::Error naming the field; a rulebook read back from
// its own JSON is the same rulebook.
#include <cstddef>
#include <cstdint>
#include <sifund/rules/rulebook.hpp>
#include <string>

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const nlohmann::json rules = nlohmann::json::parse(data, data + size, nullptr, false);
    if (rules.is_discarded()) return 0;
    sifund::Rulebook rulebook;
    try {
        rulebook = sifund::Rulebook::parse(rules);
    } catch (const sifund::Error&) {
        return 0;
    }
    const nlohmann::json written = rulebook.to_json();
    try {
        const sifund::Rulebook again = sifund::Rulebook::parse(written);
        SIFUND_FUZZ_REQUIRE(again.to_json() == written, written.dump());
    } catch (const sifund::Error& e) {
        SIFUND_FUZZ_REQUIRE(false, std::string("its own JSON is refused: ") + e.what() + "\n" + written.dump());
    }
    return 0;
}
