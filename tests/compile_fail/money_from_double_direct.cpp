// `Money(1.5)` must not compile either, not even written out as a constructor call.
#include <sifund/money/money.hpp>

int main() {
#ifdef SIFUND_SHOULD_FAIL
    const sifund::Money m = sifund::Money(1.5);
#else
    const sifund::Money m = sifund::Money::from_minor(150);
#endif
    return m.minor() == 150 ? 0 : 1;
}
