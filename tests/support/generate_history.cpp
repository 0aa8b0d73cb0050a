// sifund_generate N [SEED]: writes a generated history of at least N
// commands as JSON Lines to stdout (see history.hpp).
#include <iostream>

#include "history.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: sifund_generate N [SEED]\n";
        return 2;
    }
    const auto n = std::stoull(argv[1]);
    const auto seed = argc > 2 ? std::stoull(argv[2]) : 1;
    for (const auto& c : sifund::testing::HistoryGenerator(seed).generate(n)) std::cout << c.dump() << '\n';
}
