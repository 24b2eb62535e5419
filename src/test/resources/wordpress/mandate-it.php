<?php
/*
 * Plugin Name: Mandate integration test
 * Description: Lets one test client write the visitors' comments in quick succession (no flood check) and sends no e-mail.
 */
add_filter('wp_is_comment_flood', '__return_false', 99);
add_filter('comment_flood_filter', '__return_false', 99);
add_filter('pre_wp_mail', '__return_true', 99);
