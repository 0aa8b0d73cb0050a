// A tour of sifund's value types on Örebro's figures: exact kronor, a share
// of tax revenue rounded by a named mode, a grant split over three budget
// years, and the reporting calendar of a project.
#include <iostream>
#include <sifund/sifund.hpp>

int main() {
    using namespace sifund;

    const Money lump_sum = Money::parse("65 000 000 kr");
    const Money tax_revenue = Money::parse("6512345678.90");
    const Rate share = Rate::parse("2 %");
    std::cout << "Lump sum (AFA refund, 2013):     " << lump_sum.to_swedish() << "\n"
              << "Budgeted tax revenue 2014:        " << tax_revenue.to_swedish() << "\n"
              << "Allocation at " << share.to_percent_string() << ", whole kronor:  "
              << share.of(tax_revenue, Rounding::half_even, Money::kronor(1)).to_swedish() << "\n"
              << "                  to the öre:     " << share.of(tax_revenue, Rounding::half_even).to_swedish()
              << "\n\n";

    const Money grant = Money::parse("2800000.00");
    const Money budget[] = {Money::parse("1000000"), Money::parse("1200000"), Money::parse("800000")};
    const auto tranches = allocate(grant, std::span<const Money>(budget));
    std::cout << "A grant of " << grant.to_swedish() << " split by the budget of each year:\n";
    for (std::size_t i = 0; i < tranches.size(); ++i)
        std::cout << "  " << BudgetYear(2014 + static_cast<int>(i)).to_string() << "  " << tranches[i].to_swedish()
                  << "\n";

    const Period project(Date::parse("2014-01-01"), Date::parse("2016-12-31"));
    std::cout << "\nProject " << project << " (" << project.months() << " months); interim reports due:\n";
    for (const Period& p : periods(project, 6))
        if (p.last() < project.last())
            std::cout << "  period " << p << "  report by " << p.last().add_months(1) << "\n";
    std::cout << "  final report by " << project.last().add_months(3) << "\n";
}
