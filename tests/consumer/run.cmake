# The consumer tests' driver (cmake -P run.cmake).
#
# -DSTEP=install  -DBUILD_TREE=<sifund build> -DPREFIX=<dir>
#     installs that build into a fresh prefix.
# -DSTEP=consume  -DPROJECT_DIR=<consumer project> -DBINARY_DIR=<dir> -DCXX_COMPILER=<c++>
#                 -DEXPECT=<exact output line> [-DPREFIX=<install prefix>] [-DSIFUND_SOURCE_DIR=<checkout>]
#     configures the consumer from scratch with Ninja, builds it, runs
#     `consumer 65000000.00 130240000.00` and compares its output exactly.
#     -DNO_POSTGRESQL=ON configures it with CMAKE_DISABLE_FIND_PACKAGE_PostgreSQL.
# -DSTEP=build_install  -DSIFUND_SOURCE_DIR=<checkout> -DBUILD_TREE=<dir> -DCXX_COMPILER=<c++> -DPREFIX=<dir>
#     builds the library with SIFUND_WITH_POSTGRESQL=OFF and installs it.

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT result EQUAL 0)
    string(REPLACE ";" " " command "${ARGN}")
    message(FATAL_ERROR "${what} failed (${result}):\n${command}\n${output}")
  endif()
  set(output "${output}" PARENT_SCOPE)
endfunction()

function(require)
  foreach(var IN LISTS ARGN)
    if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
      message(FATAL_ERROR "run.cmake STEP=${STEP} needs -D${var}=...")
    endif()
  endforeach()
endfunction()

if(STEP STREQUAL "install")
  require(BUILD_TREE PREFIX)
  file(REMOVE_RECURSE "${PREFIX}")
  run("install" "${CMAKE_COMMAND}" --install "${BUILD_TREE}" --prefix "${PREFIX}")
  file(GLOB_RECURSE config "${PREFIX}/*/sifundConfig.cmake")
  if(NOT config OR NOT EXISTS "${PREFIX}/include/sifund/sifund.hpp")
    message(FATAL_ERROR "the install into ${PREFIX} lacks sifundConfig.cmake or the headers:\n${output}")
  endif()
  message(STATUS "installed into ${PREFIX}: ${config}")

elseif(STEP STREQUAL "build_install")
  # A sifund without PostgreSQL, as on a machine without libpq: only the
  # library is built (-j1), then installed into a fresh prefix.
  require(SIFUND_SOURCE_DIR BUILD_TREE CXX_COMPILER PREFIX)
  file(REMOVE_RECURSE "${BUILD_TREE}" "${PREFIX}")
  run("configuring sifund without PostgreSQL" "${CMAKE_COMMAND}" -S "${SIFUND_SOURCE_DIR}" -B "${BUILD_TREE}" -G Ninja
      -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=Release -DSIFUND_WITH_POSTGRESQL=OFF
      -DCMAKE_DISABLE_FIND_PACKAGE_PostgreSQL=ON -DSIFUND_BUILD_TESTS=OFF -DSIFUND_BUILD_CLI=OFF
      -DSIFUND_BUILD_PYTHON=OFF -DSIFUND_BUILD_EXAMPLES=OFF -DSIFUND_BUILD_BENCHMARKS=OFF)
  run("building sifund without PostgreSQL" "${CMAKE_COMMAND}" --build "${BUILD_TREE}" -j1 --target sifund)
  run("installing sifund without PostgreSQL" "${CMAKE_COMMAND}" --install "${BUILD_TREE}" --prefix "${PREFIX}")
  file(GLOB_RECURSE config "${PREFIX}/*/sifundConfig.cmake")
  file(READ "${config}" text)
  if(NOT text MATCHES "if\\(OFF\\)\n  find_dependency\\(PostgreSQL\\)")
    message(FATAL_ERROR "the sifundConfig.cmake of a build without PostgreSQL may still ask for it:\n${text}")
  endif()
  message(STATUS "installed sifund without PostgreSQL into ${PREFIX}")

elseif(STEP STREQUAL "consume")
  require(PROJECT_DIR BINARY_DIR CXX_COMPILER EXPECT)
  set(options -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=Release)
  if(PREFIX)
    # Only the fresh prefix: not the user package registry, not a system install.
    list(APPEND options -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
                        -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
  endif()
  if(SIFUND_SOURCE_DIR)
    list(APPEND options -DSIFUND_SOURCE_DIR=${SIFUND_SOURCE_DIR})
  endif()
  if(NO_POSTGRESQL)  # as on a machine without libpq
    list(APPEND options -DCMAKE_DISABLE_FIND_PACKAGE_PostgreSQL=ON)
  endif()

  file(REMOVE_RECURSE "${BINARY_DIR}")
  run("configuring the consumer" "${CMAKE_COMMAND}" -S "${PROJECT_DIR}" -B "${BINARY_DIR}" -G Ninja ${options})
  if(PREFIX)
    file(STRINGS "${BINARY_DIR}/CMakeCache.txt" found REGEX "^sifund_DIR:")
    string(FIND "${found}" "${PREFIX}/" at)
    if(NOT at GREATER -1)
      message(FATAL_ERROR "the consumer found sifund elsewhere than in ${PREFIX}: ${found}")
    endif()
  endif()
  run("building the consumer" "${CMAKE_COMMAND}" --build "${BINARY_DIR}")
  run("running the consumer" "${BINARY_DIR}/consumer" 65000000.00 130240000.00)
  if(NOT output STREQUAL "${EXPECT}\n")
    message(FATAL_ERROR "the consumer printed [${output}], expected [${EXPECT}] and a newline")
  endif()
  message(STATUS "the consumer printed ${EXPECT}")

else()
  message(FATAL_ERROR "run.cmake needs -DSTEP=install or -DSTEP=consume")
endif()
