// `Money m = 100;` must not compile: is it 100 kronor or 100 öre? Say which
// with Money::kronor(100) or Money::from_minor(100).
#include <sifund/money/money.hpp>

int main() {
#ifdef SIFUND_SHOULD_FAIL
    const sifund::Money m = 100;
#else
    const sifund::Money m = sifund::Money::kronor(100);
#endif
    return m.is_positive() ? 0 : 1;
}
