// The C++ side of the differential test against Python's decimal
// (money_vs_decimal.py): reads one operation a line on stdin and writes one
// result line for each, so that a single process run answers every case.
//
// Fields are separated by tabs. Text that may hold any byte (amounts and rates
// to parse) travels as hex. Amounts travel as öre, results are printed as öre
// (or as text for the formatting operations). When sifund throws one of its
// errors the line is "ERR <id>"; anything else thrown is "EXC <what>", which
// the driver never expects.
//
//   parse  <hex text>                          Money::parse          -> öre
//   fmt    <öre>                               Money::to_string      -> text
//   swe    <öre>                               Money::to_swedish     -> text
//   add    <öre> <öre>                         a += b                -> öre
//   sub    <öre> <öre>                         a -= b                -> öre
//   mul    <öre> <n>                           a * n                 -> öre
//   neg    <öre>                               -a                    -> öre
//   kronor <whole>                             Money::kronor         -> öre
//   round  <öre> <step öre> <mode>             Money::round_to       -> öre
//   rate   <hex rate> <öre> <mode> <step öre>  Rate::parse(..).of(..)-> öre
//   rparse <hex text>                          Rate::parse.to_string -> text
//   rpct   <hex text>                          ....to_percent_string -> text
//   alln   <öre> <n>                           allocate(total, n)    -> öre öre ...
//   allw   <öre> <w,w,...>                     allocate(total, int64 weights)
//   allm   <öre> <öre,öre,...>                 allocate(total, Money weights)
//   allr   <öre> <hex rate,hex rate,...>       allocate(total, Rate weights)

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "sifund/money/allocate.hpp"
#include "sifund/money/money.hpp"
#include "sifund/money/rate.hpp"
#include "sifund/money/rounding.hpp"

namespace {

// A malformed line from the driver: a bug in the test, not in sifund.
struct ProtocolError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t k = s.find(sep, start);
        if (k == std::string_view::npos) {
            out.push_back(s.substr(start));
            return out;
        }
        out.push_back(s.substr(start, k - start));
        start = k + 1;
    }
}

std::int64_t to_int64(std::string_view s) {
    std::int64_t v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || ptr != s.data() + s.size()) throw ProtocolError("bad integer: " + std::string(s));
    return v;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    throw ProtocolError("bad hex digit");
}

std::string unhex(std::string_view s) {
    if (s.size() % 2 != 0) throw ProtocolError("odd hex length");
    std::string out;
    out.reserve(s.size() / 2);
    for (std::size_t i = 0; i < s.size(); i += 2)
        out.push_back(static_cast<char>(hex_value(s[i]) * 16 + hex_value(s[i + 1])));
    return out;
}

sifund::Rounding to_mode(std::string_view s) {
    if (auto mode = sifund::rounding_from_string(s)) return *mode;
    throw ProtocolError("bad rounding mode: " + std::string(s));
}

sifund::Money money(std::string_view s) { return sifund::Money::from_minor(to_int64(s)); }

void need(const std::vector<std::string_view>& f, std::size_t n) {
    if (f.size() != n) throw ProtocolError("expected " + std::to_string(n) + " fields");
}

void print_parts(std::string& out, const std::vector<sifund::Money>& parts) {
    bool first = true;
    for (const sifund::Money& p : parts) {
        if (!first) out.push_back(' ');
        first = false;
        out += std::to_string(p.minor());
    }
}

void answer(std::string_view line, std::string& out) {
    using sifund::Money;
    using sifund::Rate;
    const auto f = split(line, '\t');
    const std::string_view op = f[0];
    if (op == "parse") {
        need(f, 2);
        out += std::to_string(Money::parse(unhex(f[1])).minor());
    } else if (op == "fmt") {
        need(f, 2);
        money(f[1]).append_to(out);
    } else if (op == "swe") {
        need(f, 2);
        out += money(f[1]).to_swedish();
    } else if (op == "add" || op == "sub") {
        // Through += and -= (which + and - call), checking that an overflow
        // leaves the left operand as it was: a caller who catches must not
        // find a wrapped amount in it.
        need(f, 3);
        const Money before = money(f[1]);
        Money acc = before;
        try {
            if (op == "add")
                acc += money(f[2]);
            else
                acc -= money(f[2]);
        } catch (const sifund::Error&) {
            if (acc != before)
                throw std::logic_error("a failed " + std::string(op == "add" ? "+=" : "-=") +
                                       " changed its left operand to " + std::to_string(acc.minor()));
            throw;
        }
        out += std::to_string(acc.minor());
    } else if (op == "mul") {
        need(f, 3);
        out += std::to_string((money(f[1]) * to_int64(f[2])).minor());
    } else if (op == "neg") {
        need(f, 2);
        out += std::to_string((-money(f[1])).minor());
    } else if (op == "kronor") {
        need(f, 2);
        out += std::to_string(Money::kronor(to_int64(f[1])).minor());
    } else if (op == "round") {
        need(f, 4);
        out += std::to_string(money(f[1]).round_to(money(f[2]), to_mode(f[3])).minor());
    } else if (op == "rate") {
        need(f, 5);
        const Rate rate = Rate::parse(unhex(f[1]));
        out += std::to_string(rate.of(money(f[2]), to_mode(f[3]), money(f[4])).minor());
    } else if (op == "rparse") {
        need(f, 2);
        out += Rate::parse(unhex(f[1])).to_string();
    } else if (op == "rpct") {
        need(f, 2);
        out += Rate::parse(unhex(f[1])).to_percent_string();
    } else if (op == "alln") {
        need(f, 3);
        const std::int64_t n = to_int64(f[2]);
        if (n < 0) throw ProtocolError("negative part count");
        print_parts(out, sifund::allocate(money(f[1]), static_cast<std::size_t>(n)));
    } else if (op == "allw" || op == "allm" || op == "allr") {
        need(f, 3);
        const auto items = f[2].empty() ? std::vector<std::string_view>{} : split(f[2], ',');
        if (op == "allw") {
            std::vector<std::int64_t> w;
            for (auto s : items) w.push_back(to_int64(s));
            print_parts(out, sifund::allocate(money(f[1]), std::span<const std::int64_t>(w)));
        } else if (op == "allm") {
            std::vector<Money> w;
            for (auto s : items) w.push_back(money(s));
            print_parts(out, sifund::allocate(money(f[1]), std::span<const Money>(w)));
        } else {
            std::vector<Rate> w;
            for (auto s : items) w.push_back(Rate::parse(unhex(s)));
            print_parts(out, sifund::allocate(money(f[1]), std::span<const Rate>(w)));
        }
    } else {
        throw ProtocolError("unknown operation: " + std::string(op));
    }
}

}  // namespace

int main() {
    std::ios::sync_with_stdio(false);
    std::string line;
    std::string out;
    std::size_t line_no = 0;
    while (std::getline(std::cin, line)) {
        ++line_no;
        const std::size_t mark = out.size();
        try {
            answer(line, out);
        } catch (const sifund::Error& e) {
            out.resize(mark);
            out += "ERR ";
            out += e.id();
        } catch (const ProtocolError& e) {
            std::cerr << "money_oracle: line " << line_no << ": " << e.what() << '\n';
            return 2;
        } catch (const std::exception& e) {
            out.resize(mark);
            out += "EXC ";
            out += e.what();
        }
        out.push_back('\n');
        if (out.size() > (1u << 16)) {
            std::cout << out;
            out.clear();
        }
    }
    std::cout << out << std::flush;
    return std::cout ? 0 : 1;
}
