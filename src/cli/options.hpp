#pragma once
// A small reader of `sifund VERB POSITIONAL... [--flag value]...` arguments.
// Unknown flags, missing values and missing positionals are usage errors.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <sifund/error.hpp>

namespace sifund::cli {

class UsageError : public Error {
public:
    explicit UsageError(const std::string& message) : Error("cli.usage", message) {}
};

class Options {
public:
    Options(const std::vector<std::string>& args, std::size_t positional, std::set<std::string> flags)
        : allowed_(std::move(flags)) {
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            if (a.rfind("--", 0) == 0) {
                std::string name = a.substr(2), value;
                if (const auto eq = name.find('='); eq != std::string::npos) {
                    value = name.substr(eq + 1);
                    name = name.substr(0, eq);
                } else if (i + 1 < args.size()) {
                    value = args[++i];
                } else {
                    throw UsageError("--" + name + " needs a value");
                }
                if (!allowed_.count(name)) throw UsageError("unknown option --" + name);
                if (flags_.count(name)) throw UsageError("--" + name + " given twice");
                flags_[name] = value;
            } else {
                positional_.push_back(a);
            }
        }
        if (positional_.size() != positional)
            throw UsageError("expected " + std::to_string(positional) + " argument(s), got " +
                             std::to_string(positional_.size()));
    }

    [[nodiscard]] const std::string& arg(std::size_t i) const { return positional_.at(i); }
    [[nodiscard]] std::optional<std::string> flag(const std::string& name) const {
        const auto it = flags_.find(name);
        return it == flags_.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    [[nodiscard]] std::string flag_or(const std::string& name, std::string fallback) const {
        return flag(name).value_or(std::move(fallback));
    }
    // A flag whose value must be one of `choices`.
    [[nodiscard]] std::string choice(const std::string& name, const std::vector<std::string>& choices) const {
        const std::string v = flag_or(name, choices.front());
        for (const auto& c : choices)
            if (c == v) return v;
        std::string list;
        for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
        throw UsageError("--" + name + " must be one of " + list + ", not " + v);
    }

private:
    std::set<std::string> allowed_;
    std::vector<std::string> positional_;
    std::map<std::string, std::string> flags_;
};

}  // namespace sifund::cli
