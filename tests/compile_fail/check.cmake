# Compiles one compile-fail case twice (cmake -P check.cmake):
#   without SIFUND_SHOULD_FAIL it must compile, which proves the harness (the
#   include paths, the standard, the rest of the file) is sound;
#   with it, it must fail at the guarded line for the expected reason.
#
# -DCOMPILER=<c++ compiler>  -DSOURCE=<case.cpp>  -DEXPECT=<regex for the reason>
# -DINCLUDE_DIRS=<dir>|<dir>...   (separated by '|': a ';' would split the test's arguments)

foreach(var COMPILER SOURCE EXPECT INCLUDE_DIRS)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "check.cmake needs -D${var}=...")
  endif()
endforeach()

set(flags -std=c++20 -fsyntax-only)
string(REPLACE "|" ";" include_dirs "${INCLUDE_DIRS}")
foreach(dir IN LISTS include_dirs)
  list(APPEND flags "-I${dir}")
endforeach()

# The guarded line: the one right after "#ifdef SIFUND_SHOULD_FAIL". (Counted
# by hand: file(STRINGS) skips blank lines.)
file(READ "${SOURCE}" text)
string(FIND "${text}" "\n#ifdef SIFUND_SHOULD_FAIL" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${SOURCE} has no '#ifdef SIFUND_SHOULD_FAIL' block")
endif()
string(SUBSTRING "${text}" 0 ${at} before)
string(REGEX MATCHALL "\n" newlines "${before}")
list(LENGTH newlines count)
math(EXPR bad_line "${count} + 3")  # lines before, the #ifdef line itself, then the bad line

execute_process(COMMAND "${COMPILER}" ${flags} "${SOURCE}"
  RESULT_VARIABLE good_result OUTPUT_VARIABLE good_output ERROR_VARIABLE good_output)
if(NOT good_result EQUAL 0)
  message(FATAL_ERROR "the harness is broken: ${SOURCE} does not compile even without SIFUND_SHOULD_FAIL:\n${good_output}")
endif()

execute_process(COMMAND "${COMPILER}" ${flags} -DSIFUND_SHOULD_FAIL "${SOURCE}"
  RESULT_VARIABLE bad_result OUTPUT_VARIABLE bad_output ERROR_VARIABLE bad_output)
if(bad_result EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiles with SIFUND_SHOULD_FAIL, but the misuse on line ${bad_line} must not")
endif()
if(NOT bad_output MATCHES ":${bad_line}:[0-9]+: error")
  message(FATAL_ERROR "${SOURCE} fails, but not at the guarded line ${bad_line}:\n${bad_output}")
endif()
if(NOT bad_output MATCHES "${EXPECT}")
  message(FATAL_ERROR "${SOURCE} fails for another reason than /${EXPECT}/:\n${bad_output}")
endif()
message(STATUS "${SOURCE} compiles as written and fails on line ${bad_line} as expected (/${EXPECT}/)")
