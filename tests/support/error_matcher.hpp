#pragma once
// A Catch2 matcher for sifund's errors. A refusal test should say which
// refusal it expects: the stable id callers rely on, and a fragment of the
// sentence for people (usually the input, quoted as the user wrote it).
// Used with the exception type:
//
//     CHECK_THROWS_MATCHES(Money::parse("1.234"), sifund::InputError,
//                          IsError("money.parse", in_quotes("1.234")));
//
// The money, time and store tests include it (the sifund_test_support library).

#include <catch2/catch.hpp>
#include <sifund/error.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace sifund_test {

class ErrorMatcher : public Catch::MatcherBase<sifund::Error> {
public:
    ErrorMatcher(std::string id, std::string fragment) : id_(std::move(id)), fragment_(std::move(fragment)) {}

    bool match(const sifund::Error& error) const override {
        return error.id() == id_ && std::string_view(error.what()).find(fragment_) != std::string_view::npos;
    }
    std::string describe() const override {
        return "has id \"" + id_ + "\" and a message containing [" + fragment_ + "]";
    }

private:
    std::string id_;
    std::string fragment_;
};

// An error with this id whose message contains `fragment` (empty: any message).
inline ErrorMatcher IsError(std::string id, std::string fragment = "") {
    return ErrorMatcher(std::move(id), std::move(fragment));
}

// The input as sifund's messages quote it: "1.234" in double quotes, so that
// an empty string or a stray space is visible.
inline std::string in_quotes(std::string_view input) { return "\"" + std::string(input) + "\""; }

}  // namespace sifund_test
