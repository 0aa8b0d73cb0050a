// `Rate(0.02)` must not compile: 0.02 has no exact binary form. Rates come
// from text ("0.02", "2 %") or from units of 10^-18.
#include <sifund/money/rate.hpp>

int main() {
#ifdef SIFUND_SHOULD_FAIL
    const sifund::Rate share = sifund::Rate(0.02);
#else
    const sifund::Rate share = sifund::Rate::parse("0.02");
#endif
    return share.is_zero() ? 1 : 0;
}
