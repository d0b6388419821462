# Generates git_commit.cpp on every build, rewriting it only when the commit changes, so
# `plansim --version` names the commit the binary was built from without needless rebuilds.
set(PLANSIM_GENERATED_DIR "${CMAKE_BINARY_DIR}/generated")
set(PLANSIM_GIT_COMMIT_CPP "${PLANSIM_GENERATED_DIR}/git_commit.cpp")
add_custom_target(plansim_git_commit
  COMMAND "${CMAKE_COMMAND}" -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUTPUT=${PLANSIM_GIT_COMMIT_CPP}
          -P "${CMAKE_SOURCE_DIR}/cmake/WriteGitCommit.cmake"
  BYPRODUCTS "${PLANSIM_GIT_COMMIT_CPP}"
  COMMENT "Reading the git commit"
  VERBATIM)
