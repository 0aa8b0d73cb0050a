// Fuzz target: a command file read through a stream that fails. The first
// two bytes say where the stream fails (a position in the rest; past its end:
// it does not fail), the third the line limit and the sizes of the reads the
// stream serves; the rest is the file. Properties:
// * the line reader (detail/line_reader.hpp) returns exactly the lines of the
//   file, in order, each whole (its newline before the failure), and then
//   either the end (only when the stream did not fail and no line is too
//   long), "input.line_too_long" (only for a line that is) or
//   "input.read_failed" (only when the stream failed);
// * sifund apply's reader (src/cli/jsonl.hpp) never succeeds on a stream
//   that failed: it throws, so nothing of a half-read file is applied.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <istream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include <sifund/detail/line_reader.hpp>

#include "../../src/cli/jsonl.hpp"
#include "fuzz_check.hpp"

namespace {

// Serves `text` in reads of varying size; at `fail_at` its underflow throws,
// which std::istream turns into badbit, as it does a failed read(2).
class FailingBuffer : public std::streambuf {
public:
    FailingBuffer(std::string_view text, std::size_t fail_at, unsigned seed)
        : text_(text), fail_at_(fail_at), seed_(seed | 1u) {}

protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        if (served_ >= fail_at_) throw std::runtime_error("the device failed");
        if (served_ >= text_.size()) return traits_type::eof();
        seed_ = seed_ * 1103515245u + 12345u;
        const std::size_t want = 1 + (seed_ >> 16) % 97;
        const std::size_t n = std::min({want, text_.size() - served_, fail_at_ - served_});
        chunk_.assign(text_.data() + served_, n);
        served_ += n;
        setg(chunk_.data(), chunk_.data(), chunk_.data() + n);
        return traits_type::to_int_type(*gptr());
    }

private:
    std::string_view text_;
    std::size_t fail_at_;
    unsigned seed_;
    std::size_t served_ = 0;
    std::string chunk_;
};

// The lines of `text` as a file holds them: split at '\n', a last line
// without one counts when it is not empty.
std::vector<std::string_view> lines_of(std::string_view text, std::vector<std::size_t>& ends) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t nl = text.find('\n', start);
        const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        lines.push_back(text.substr(start, end - start));
        ends.push_back(nl == std::string_view::npos ? text.size() : nl + 1);  // what must be read to have it whole
        start = end + 1;
    }
    return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 3) return 0;
    const std::size_t fail_at = static_cast<std::size_t>(data[0]) << 8 | data[1];
    const unsigned control = data[2];
    const std::string_view text(reinterpret_cast<const char*>(data) + 3, size - 3);
    const bool fails = fail_at <= text.size();  // failing at the very end is failing too
    const std::size_t max_bytes = 1 + control % 61;

    std::vector<std::size_t> ends;
    const std::vector<std::string_view> expected = lines_of(text, ends);

    {
        FailingBuffer buffer(text, fail_at, control);
        std::istream in(&buffer);
        sifund::detail::LineReader reader(in, max_bytes);
        std::size_t got = 0;
        std::string line;
        try {
            while (reader.next(line)) {
                SIFUND_FUZZ_REQUIRE(got < expected.size(), "a line the file does not have");
                SIFUND_FUZZ_REQUIRE(line == expected[got], "line " + std::to_string(got + 1) + " is not the file's");
                SIFUND_FUZZ_REQUIRE(!fails || ends[got] <= fail_at, "a line that was not read whole");
                SIFUND_FUZZ_REQUIRE(line.size() <= max_bytes, "a line over the limit");
                ++got;
            }
            SIFUND_FUZZ_REQUIRE(!fails, "the end of the input reported after a failed read");
            SIFUND_FUZZ_REQUIRE(got == expected.size(), "lines missing at the end");
        } catch (const sifund::LineReadError& e) {
            if (e.id() == "input.read_failed") {
                SIFUND_FUZZ_REQUIRE(fails, "a read failure where the stream did not fail");
            } else {
                SIFUND_FUZZ_REQUIRE(e.id() == "input.line_too_long", e.id());
                SIFUND_FUZZ_REQUIRE(got < expected.size() && expected[got].size() > max_bytes,
                                    "a line refused as too long that is not");
            }
            SIFUND_FUZZ_REQUIRE(e.line() == got + 1, "the error names line " + std::to_string(e.line()) +
                                                         ", not the one being read, " + std::to_string(got + 1));
        }
    }

    if (fails) {
        FailingBuffer buffer(text, fail_at, control);
        std::istream in(&buffer);
        bool read = false;
        try {
            (void)sifund::cli::read_commands(in, "fuzz.jsonl");
            read = true;
        } catch (const sifund::Error&) {
        }
        SIFUND_FUZZ_REQUIRE(!read, "a command file whose stream failed was read as if whole");
    }
    return 0;
}
