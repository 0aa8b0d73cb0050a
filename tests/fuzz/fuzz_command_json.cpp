// Fuzz target: one line of a command file, read as `sifund apply` reads it.
// Any input either becomes a command or is refused with a sifund::Error; no
// other exception, crash or hang. A command that is read back from its
// canonical JSON is the same command, and the canonical text written
// directly is the text nlohmann's DOM gives.
#include <cstddef>
#include <cstdint>
#include <sifund/ledger/command_json.hpp>
#include <string>

#include "../../src/cli/jsonl.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string line(reinterpret_cast<const char*>(data), size);
    sifund::detail::JsonDocument doc;
    const sifund::detail::JsonNode* object = nullptr;
    try {
        object = &sifund::cli::parse_line(doc, line);
    } catch (const sifund::InputError&) {
        return 0;  // malformed JSON, a duplicate key: the CLI names the line
    }
    for (const auto currency : {sifund::Currency::sek(), sifund::Currency::parse("EUR")}) {
        sifund::Command command;
        try {
            command = sifund::command_from_json(*object, currency);
        } catch (const sifund::Error&) {
            continue;  // refused, naming the field
        }
        const nlohmann::json canonical = sifund::to_json(command);
        sifund::detail::ObjectWriter direct;
        sifund::detail::write_command(direct, command);
        SIFUND_FUZZ_REQUIRE(direct.text() == canonical.dump(), canonical.dump());
        sifund::Command again;
        try {
            again = sifund::command_from_text(canonical.dump(), currency);
        } catch (const sifund::Error& e) {
            SIFUND_FUZZ_REQUIRE(false, std::string("the canonical form is refused: ") + e.what() + "\n" + canonical.dump());
        }
        SIFUND_FUZZ_REQUIRE(sifund::to_json(again) == canonical, canonical.dump());
    }
    return 0;
}
