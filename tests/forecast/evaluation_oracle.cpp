// The C++ side of evaluation_vs_decimal.py: one case a line on stdin,
//   RATE MODE BASE_YEAR N  (YEAR COSTS MUNICIPALITY REGION STATE) x N
// amounts in öre, and one line of JSON (Evaluation::to_json) for each on stdout.
#include <iostream>
#include <sstream>
#include <string>

#include "sifund/forecast/evaluation.hpp"

int main() {
    using namespace sifund;
    using namespace sifund::forecast;
    std::string line;
    while (std::getline(std::cin, line)) {
        std::istringstream in(line);
        std::string rate, mode;
        int base = 0;
        std::size_t n = 0;
        in >> rate >> mode >> base >> n;
        CashFlows cf;
        cf.project = "case";
        cf.base_year = base;
        for (std::size_t i = 0; i < n; ++i) {
            Flow f;
            std::int64_t costs = 0, mun = 0, reg = 0, st = 0;
            in >> f.budget_year >> costs >> mun >> reg >> st;
            f.costs = Money::from_minor(costs);
            if (mun) f.savings[Bearer::municipality] = Money::from_minor(mun);
            if (reg) f.savings[Bearer::region] = Money::from_minor(reg);
            if (st) f.savings[Bearer::state] = Money::from_minor(st);
            cf.flows.push_back(f);
        }
        if (!in) {
            std::cerr << "malformed case: " << line << "\n";
            return 2;
        }
        try {
            std::cout << evaluate(cf, Rate::parse(rate), *rounding_from_string(mode)).to_json().dump() << "\n";
        } catch (const Error& e) {
            std::cout << "{\"error\":\"" << e.id() << "\"}\n";
        }
    }
    return 0;
}
