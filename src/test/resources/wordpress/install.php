<?php
// Installs the site of this run: php install.php (environment: MANDATE_WP_CONFIG, MANDATE_WP_HOST, MANDATE_WP_PASSWORD,
// MANDATE_WP_EMAIL). Prints {"userId": …, "applicationPassword": "…"} as the last line; nothing else to keep.
$_SERVER['WORDPRESS_CONFIG'] = getenv('MANDATE_WP_CONFIG');
$_SERVER['HTTP_HOST'] = getenv('MANDATE_WP_HOST');
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/user.php';

$result = wp_install('Mandate test blog', 'brand', getenv('MANDATE_WP_EMAIL'), false, '', wp_slash(getenv('MANDATE_WP_PASSWORD')));
if (is_wp_error($result)) {
    fwrite(STDERR, 'wp_install failed: ' . $result->get_error_message() . "\n");
    exit(1);
}
$user = (int) $result['user_id'];
// An empty blog: without WordPress's sample post, page and comment.
foreach (get_posts(array('post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1)) as $sample) {
    wp_delete_post($sample->ID, true);
}
foreach (get_comments(array('status' => 'all')) as $sample) {
    wp_delete_comment($sample->comment_ID, true);
}
wp_update_user(array('ID' => $user, 'display_name' => 'Jürg', 'first_name' => 'Jürg', 'nickname' => 'Jürg'));
update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
update_option('comment_moderation', 0);          // visitors' comments appear at once ...
update_option('comment_previously_approved', 0);  // ... also from first-time commenters
update_option('moderation_keys', 'GHD');          // ... unless they advertise hair straighteners: held
update_option('require_name_email', 1);
update_option('thread_comments', 1);
update_option('thread_comments_depth', 5);
update_option('close_comments_for_old_posts', 0);
update_option('default_pingback_flag', 0);
update_option('blog_public', 0);
list($password, $item) = WP_Application_Passwords::create_new_application_password($user, array('name' => 'Mandate'));
if (is_wp_error($password)) {
    fwrite(STDERR, 'application password failed: ' . $password->get_error_message() . "\n");
    exit(1);
}
echo json_encode(array('userId' => $user, 'applicationPassword' => $password)), "\n";
