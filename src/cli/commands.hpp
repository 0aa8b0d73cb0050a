#pragma once
// The verbs of the `sifund` command-line tool (DESIGN §4.4). Each returns
// the process exit code: 0 done, 1 refused by a rule, 2 bad input or could
// not run. Errors are thrown; main() prints them and picks the code.

#include <iosfwd>
#include <string>
#include <vector>

namespace sifund::cli {

int run_init(const std::vector<std::string>& args, std::ostream& out);
int run_apply(const std::vector<std::string>& args, std::ostream& out);
int run_statement(const std::vector<std::string>& args, std::ostream& out);
int run_export(const std::vector<std::string>& args, std::ostream& out);
int run_audit(const std::vector<std::string>& args, std::ostream& out);
int run_forecast(const std::vector<std::string>& args, std::ostream& out);
int run_evaluate(const std::vector<std::string>& args, std::ostream& out);
int run_focus_areas(const std::vector<std::string>& args, std::ostream& out);

}  // namespace sifund::cli
