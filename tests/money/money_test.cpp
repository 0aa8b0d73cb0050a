#include <catch2/catch.hpp>
#include <sifund/sifund.hpp>

using sifund::Money;

TEST_CASE("Money reads the forms a finance office writes") {
    CHECK(Money::parse("1234567.89").minor() == 123456789);
    CHECK(Money::parse("-0.50").minor() == -50);
    CHECK(Money::parse("1234567").minor() == 123456700);
    CHECK(Money::parse("1 234 567,89").minor() == 123456789);
    CHECK(Money::parse("1 234 567,89 kr").minor() == 123456789);
    CHECK(Money::parse("65 000 000 kr").to_string() == "65000000.00");
}
