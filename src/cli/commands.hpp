#pragma once
// The verbs of the `sifund` command-line tool (DESIGN §4.4), each given the
// values of its arguments as verbs.cpp describes them. Each returns the
// process exit code: 0 done, 1 refused by a rule, 2 bad input or could not
// run. Errors are thrown; main() prints them and picks the code.

#include <iosfwd>

#include "options.hpp"

namespace sifund::cli {

int run_init(const Options& opts, std::ostream& out);
int run_apply(const Options& opts, std::ostream& out);
int run_statement(const Options& opts, std::ostream& out);
int run_flows(const Options& opts, std::ostream& out);
int run_export(const Options& opts, std::ostream& out);
int run_audit(const Options& opts, std::ostream& out);
int run_forecast(const Options& opts, std::ostream& out);
int run_evaluate(const Options& opts, std::ostream& out);
int run_focus_areas(const Options& opts, std::ostream& out);

}  // namespace sifund::cli
