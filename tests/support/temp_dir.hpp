#pragma once
// A fresh directory under the system's temporary directory, removed with
// everything in it when the test ends. One for all the tests (store, audit,
// property), so that a name cannot collide between two runs or two tests.

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace sifund_test {

class TempDir {
public:
    // `prefix` starts the directory's name, to tell whose it is when one is left behind.
    explicit TempDir(std::string_view prefix = "sifund-test") {
        namespace fs = std::filesystem;
        static std::atomic<unsigned> counter{0};
        std::random_device random;
        for (int attempt = 0; attempt < 100; ++attempt) {
            const fs::path candidate = fs::temp_directory_path() / (std::string(prefix) + "-" + std::to_string(random()) +
                                                                    "-" + std::to_string(counter.fetch_add(1)));
            if (fs::create_directory(candidate)) {
                path_ = candidate;
                return;
            }
        }
        throw std::runtime_error("could not create a temporary directory");
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::string file(std::string_view name) const { return (path_ / name).string(); }

    // The names of the files in the directory, sorted.
    [[nodiscard]] std::vector<std::string> files() const {
        std::vector<std::string> names;
        for (const auto& entry : std::filesystem::directory_iterator(path_)) names.push_back(entry.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

private:
    std::filesystem::path path_;
};

}  // namespace sifund_test
