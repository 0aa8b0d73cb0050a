// `Money m = 1.5;` must not compile: 1.5 kronor written as a double is a
// binary fraction, and Money is exact. Say what the number means instead.
#include <sifund/money/money.hpp>

int main() {
#ifdef SIFUND_SHOULD_FAIL
    sifund::Money m = 1.5;
#else
    sifund::Money m = sifund::Money::parse("1.50");
#endif
    return m.minor() == 150 ? 0 : 1;
}
