{#- Written into the page (course_site.page_assets): once the page is parsed and first drawn,
    adds ``urls`` as scripts that run in their order (async = false), as deferred scripts would. -#}
document.addEventListener("DOMContentLoaded",function(){requestAnimationFrame(function(){setTimeout(function(){{ '{' }}{{ urls|tojson }}.forEach(function(u){var s=document.createElement("script");s.src=u;s.async=false;document.head.appendChild(s)})},0)})})
