# The build states what each part of the program may use.
#
# Every target sees the headers of itself and of what it links, nothing else: its
# headers are exposed through a tree of links under build/include/<target>/, and `src/`
# itself is on no include path. Including a header of a part one does not link fails to
# compile ("No such file or directory").
#
# harmoni_library(NAME SOURCES... [LINKS targets...])
#   A platform part: the given files (paths below src/).
# harmoni_capability(NAME [LINKS capabilities...])
#   A capability folder src/NAME/ in three tiers, told by the file name:
#     NAME_domain  files without a tier suffix: pure rules, no I/O. Links platform_base
#                  and the domain tier of each capability in LINKS.
#     NAME_store   *_store, *_import, *_cases (use cases), *_pdf, *_xlsx: storage,
#                  imports, documents and use cases. Links NAME_domain, the platform's
#                  storage parts and the store tier of each capability in LINKS.
#     NAME_web     *_routes, *_web: pages and API. Links NAME_store, platform_web and
#                  the web tier of each capability in LINKS.

set(HARMONI_INCLUDE_TREES ${CMAKE_BINARY_DIR}/include)

# Makes the include tree of `target` from `headers` (paths below src/).
function(harmoni_expose target kind)
  set(tree ${HARMONI_INCLUDE_TREES}/${target})
  file(REMOVE_RECURSE ${tree})
  foreach(header ${ARGN})
    get_filename_component(dir ${tree}/${header} DIRECTORY)
    file(MAKE_DIRECTORY ${dir})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${header} ${tree}/${header} SYMBOLIC)
  endforeach()
  file(MAKE_DIRECTORY ${tree})
  target_include_directories(${target} ${kind} ${tree})
endfunction()

# A library of `sources` (.cpp and .hpp below src/), or an interface when it has no .cpp.
function(harmoni_target name)
  set(cpp ${ARGN})
  set(hpp ${ARGN})
  list(FILTER cpp INCLUDE REGEX "\\.cpp$")
  list(FILTER hpp INCLUDE REGEX "\\.hpp$")
  if(cpp)
    list(TRANSFORM cpp PREPEND ${PROJECT_SOURCE_DIR}/src/)
    add_library(${name} STATIC ${cpp})
    target_precompile_headers(${name} REUSE_FROM harmoni_pch)
    harmoni_expose(${name} PUBLIC ${hpp})
  else()
    add_library(${name} INTERFACE)
    harmoni_expose(${name} INTERFACE ${hpp})
  endif()
endfunction()

function(harmoni_link name)
  get_target_property(type ${name} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    target_link_libraries(${name} INTERFACE ${ARGN})
  else()
    target_link_libraries(${name} PUBLIC ${ARGN})
  endif()
endfunction()

function(harmoni_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINKS" ${ARGN})
  harmoni_target(${name} ${ARG_SOURCES})
  if(ARG_LINKS)
    harmoni_link(${name} ${ARG_LINKS})
  endif()
endfunction()

function(harmoni_capability name)
  cmake_parse_arguments(ARG "" "" "LINKS" ${ARGN})
  file(GLOB files CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR}/src
       ${PROJECT_SOURCE_DIR}/src/${name}/*.cpp ${PROJECT_SOURCE_DIR}/src/${name}/*.hpp)
  list(FILTER files EXCLUDE REGEX "_test\\.cpp$")
  set(web ${files})
  set(store ${files})
  set(domain ${files})
  list(FILTER web INCLUDE REGEX "_(routes|web)\\.[ch]pp$")
  list(FILTER store INCLUDE REGEX "_(store|import|cases|pdf|xlsx)\\.[ch]pp$")
  list(FILTER domain EXCLUDE REGEX "_(routes|web|store|import|cases|pdf|xlsx)\\.[ch]pp$")
  set(domain_links platform_base)
  set(store_links ${name}_domain platform_db)
  set(web_links ${name}_store platform_web)
  foreach(other ${ARG_LINKS})
    list(APPEND domain_links ${other}_domain)
    list(APPEND store_links ${other}_store)
    list(APPEND web_links ${other}_web)
  endforeach()
  harmoni_library(${name}_domain SOURCES ${domain} LINKS ${domain_links})
  harmoni_library(${name}_store SOURCES ${store} LINKS ${store_links})
  harmoni_library(${name}_web SOURCES ${web} LINKS ${web_links})
endfunction()
