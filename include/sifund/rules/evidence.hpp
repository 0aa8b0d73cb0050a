#pragma once
// How well an intervention is known to work, lowest first.

#include <optional>
#include <string_view>

namespace sifund {

enum class Evidence { idea, promising, established };

[[nodiscard]] constexpr std::string_view to_string(Evidence e) noexcept {
    switch (e) {
        case Evidence::idea: return "idea";
        case Evidence::promising: return "promising";
        case Evidence::established: return "established";
    }
    return "?";
}

[[nodiscard]] constexpr std::optional<Evidence> evidence_from_string(std::string_view s) noexcept {
    for (Evidence e : {Evidence::idea, Evidence::promising, Evidence::established})
        if (to_string(e) == s) return e;
    return std::nullopt;
}

}  // namespace sifund
