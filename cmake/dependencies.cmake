# What sifund's headers need. The Debian packages that provide these (and
# what the tests and tools need) are listed in scripts/debian-packages.txt.
find_package(Boost 1.74 REQUIRED)  # header-only: Multiprecision, Date_Time
