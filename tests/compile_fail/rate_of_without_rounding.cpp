// `rate.of(money)` must not compile: every rounding names its mode.
#include <sifund/money/money.hpp>
#include <sifund/money/rate.hpp>

int main() {
    const sifund::Money revenue = sifund::Money::parse("6512345678.90");
    const sifund::Rate share = sifund::Rate::parse("0.5 %");
#ifdef SIFUND_SHOULD_FAIL
    const sifund::Money part = share.of(revenue);
#else
    const sifund::Money part = share.of(revenue, sifund::Rounding::half_even);
#endif
    return part.is_positive() ? 0 : 1;
}
