// `Money * 1.5` must not compile: multiply by a count, or by a Rate through
// rate.of(money, mode) so that the rounding is named.
#include <sifund/money/money.hpp>

int main() {
    const sifund::Money monthly = sifund::Money::kronor(233'333);
#ifdef SIFUND_SHOULD_FAIL
    const sifund::Money more = monthly * 1.5;
#else
    const sifund::Money more = monthly * 12;
#endif
    return more.is_positive() ? 0 : 1;
}
