# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: OneWindow contributors
#
# One function per kind of target. Each rejects unknown arguments so that a typo
# in a CMakeLists.txt is an error, not a silently ignored dependency.

include(GenerateExportHeader)

set(OW_FORMS_DIR "${PROJECT_SOURCE_DIR}/forms")
set(OW_TEST_FIXTURES_DIR "${PROJECT_SOURCE_DIR}/tests/fixtures")

# Every source file that may carry translatable strings; read by translations/.
define_property(GLOBAL PROPERTY OW_TRANSLATABLE_SOURCES
    BRIEF_DOCS "Sources scanned by lupdate" FULL_DOCS "Sources scanned by lupdate")
# Where lupdate finds the headers that declare each module's Tr context.
define_property(GLOBAL PROPERTY OW_TRANSLATABLE_INCLUDES
    BRIEF_DOCS "Include dirs for lupdate" FULL_DOCS "Include dirs for lupdate")

function(_ow_reject_unparsed fn)
    if(ARGN)
        message(FATAL_ERROR "${fn}: unknown arguments: ${ARGN}")
    endif()
endfunction()

function(_ow_register_translatable)
    foreach(src IN LISTS ARGN)
        get_filename_component(abs "${src}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
        set_property(GLOBAL APPEND PROPERTY OW_TRANSLATABLE_SOURCES "${abs}")
    endforeach()
endfunction()

function(ow_apply_compile_options target)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual)
    if(OW_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
        QT_NO_FOREACH QT_NO_CONTEXTLESS_CONNECT QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        QT_USE_QSTRINGBUILDER
        ONEWINDOW_VERSION="${PROJECT_VERSION}")
    if(OW_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
            -fno-sanitize-recover=undefined)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()

# ow_add_module(<name> SOURCES ... [DEPENDS ...] [PRIVATE_DEPENDS ...] [FORMS ...])
# Creates the shared library ow_<name>, alias ow::<name>, with include/ public
# and an export header <ow/<name>/<name>_export.h>.
function(ow_add_module name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;DEPENDS;PRIVATE_DEPENDS;FORMS")
    _ow_reject_unparsed(ow_add_module ${arg_UNPARSED_ARGUMENTS})
    set(target ow_${name})
    add_library(${target} SHARED ${arg_SOURCES} ${arg_FORMS})
    add_library(ow::${name} ALIAS ${target})
    string(TOUPPER "${name}" upper)
    generate_export_header(${target}
        BASE_NAME OW_${upper}
        EXPORT_FILE_NAME "${CMAKE_CURRENT_BINARY_DIR}/include/ow/${name}/${name}_export.h")
    target_include_directories(${target}
        PUBLIC
            "$<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>"
            "$<BUILD_INTERFACE:${CMAKE_CURRENT_BINARY_DIR}/include>"
        PRIVATE
            "${CMAKE_CURRENT_SOURCE_DIR}/src")
    target_link_libraries(${target} PUBLIC ${arg_DEPENDS} PRIVATE ${arg_PRIVATE_DEPENDS})
    set_target_properties(${target} PROPERTIES
        OUTPUT_NAME onewindow-${name}
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON
        VERSION ${PROJECT_VERSION}
        SOVERSION ${PROJECT_VERSION_MAJOR}
        LIBRARY_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/lib"
        AUTOUIC_SEARCH_PATHS "${OW_FORMS_DIR}/${name}")
    ow_apply_compile_options(${target})
    # Headers only forward-declare their Ui:: classes; without this, AUTOUIC
    # takes <ow/ui/ui_export.h> for the output of a form called "export.ui".
    foreach(src IN LISTS arg_SOURCES)
        if(src MATCHES "\\.h$")
            set_source_files_properties(${src} PROPERTIES SKIP_AUTOUIC ON)
        endif()
    endforeach()
    _ow_register_translatable(${arg_SOURCES} ${arg_FORMS})
    set_property(GLOBAL APPEND PROPERTY OW_TRANSLATABLE_INCLUDES
        "${CMAKE_CURRENT_SOURCE_DIR}/include" "${CMAKE_CURRENT_SOURCE_DIR}/src")
    install(TARGETS ${target}
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}/onewindow" COMPONENT Runtime NAMELINK_SKIP)
endfunction()

# ow_add_executable(<target> OUTPUT_NAME <name> SOURCES ... DEPENDS ... [COMPONENT Runtime|Server])
function(ow_add_executable target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT_NAME;COMPONENT" "SOURCES;DEPENDS")
    _ow_reject_unparsed(ow_add_executable ${arg_UNPARSED_ARGUMENTS})
    if(NOT arg_COMPONENT)
        set(arg_COMPONENT Runtime)
    endif()
    qt_add_executable(${target} ${arg_SOURCES})
    target_link_libraries(${target} PRIVATE ${arg_DEPENDS})
    set_target_properties(${target} PROPERTIES
        OUTPUT_NAME ${arg_OUTPUT_NAME}
        RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/bin")
    ow_apply_compile_options(${target})
    _ow_register_translatable(${arg_SOURCES})
    set_property(GLOBAL APPEND PROPERTY OW_TRANSLATABLE_INCLUDES "${CMAKE_CURRENT_SOURCE_DIR}")
    install(TARGETS ${target} RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT ${arg_COMPONENT})
endfunction()

# ow_add_test(<name> SOURCES ... [DEPENDS ...] [FIXTURES keyring|postgres ...]
#             [LABELS ...] [TIMEOUT seconds] [GUI])
# A Qt Test executable registered with CTest, run offscreen in a UTF-8 locale.
# FIXTURES wraps the run in tests/fixtures/run-with.sh, which provides a session
# D-Bus with an unlocked gnome-keyring and/or a throw-away PostgreSQL cluster.
function(ow_add_test name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "TIMEOUT" "SOURCES;DEPENDS;FIXTURES;LABELS")
    _ow_reject_unparsed(ow_add_test ${arg_UNPARSED_ARGUMENTS})
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT 300)
    endif()
    add_executable(${name} ${arg_SOURCES})
    target_link_libraries(${name} PRIVATE ${arg_DEPENDS} ow::testsupport Qt6::Test)
    set_target_properties(${name} PROPERTIES
        RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/tests")
    ow_apply_compile_options(${name})
    set(command $<TARGET_FILE:${name}>)
    if(arg_FIXTURES)
        set(wrapper "${OW_TEST_FIXTURES_DIR}/run-with.sh")
        set(fixture_args)
        foreach(f IN LISTS arg_FIXTURES)
            if(NOT f MATCHES "^(keyring|postgres)$")
                message(FATAL_ERROR "ow_add_test(${name}): unknown fixture '${f}'")
            endif()
            list(APPEND fixture_args --${f})
        endforeach()
        set(command "${wrapper}" ${fixture_args} -- $<TARGET_FILE:${name}>)
    endif()
    add_test(NAME ${name} COMMAND ${command})
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${arg_TIMEOUT}
        LABELS "${arg_FIXTURES};${arg_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LANG=C.UTF-8;LC_ALL=C.UTF-8;OW_SOURCE_DIR=${PROJECT_SOURCE_DIR};OW_BINARY_DIR=${PROJECT_BINARY_DIR};QT_FORCE_STDERR_LOGGING=1")
endfunction()
