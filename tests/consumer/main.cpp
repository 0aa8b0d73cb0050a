// A program outside sifund that uses it: adds two amounts given on the
// command line and prints the sum in the plain form.
//   consumer 65000000.00 130240000.00   prints   195240000.00
#include <sifund/sifund.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: consumer AMOUNT AMOUNT\n";
        return 2;
    }
    try {
        const sifund::Money sum = sifund::Money::parse(argv[1]) + sifund::Money::parse(argv[2]);
        std::cout << sum.to_string() << '\n';
    } catch (const sifund::Error& e) {
        std::cerr << e.id() << ": " << e.what() << '\n';
        return 1;
    }
    return 0;
}
