// `Money + Rate` must not compile: a rate is not an amount. The one way from
// a rate to an amount is rate.of(money, mode), which names its rounding.
#include <sifund/money/money.hpp>
#include <sifund/money/rate.hpp>

int main() {
    const sifund::Money revenue = sifund::Money::parse("6 512 000 000 kr");
    const sifund::Rate share = sifund::Rate::parse("2 %");
#ifdef SIFUND_SHOULD_FAIL
    const sifund::Money total = revenue + share;
#else
    const sifund::Money total = revenue + share.of(revenue, sifund::Rounding::half_even);
#endif
    return total.is_positive() ? 0 : 1;
}
