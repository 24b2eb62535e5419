<?php
// Records a pingback as WordPress's XML-RPC server does after it checked the linking page (which would need a
// second site here): php pingback.php < {"post": …, "author": …, "url": …, "content": …, "date_gmt": …}.
$_SERVER['WORDPRESS_CONFIG'] = getenv('MANDATE_WP_CONFIG');
$_SERVER['HTTP_HOST'] = getenv('MANDATE_WP_HOST');
$_SERVER['REQUEST_URI'] = '/';
require '/usr/share/wordpress/wp-load.php';
$in = json_decode(stream_get_contents(STDIN), true);
$id = wp_new_comment(wp_slash(array(
    'comment_post_ID' => (int) $in['post'],
    'comment_author' => $in['author'],
    'comment_author_url' => $in['url'],
    'comment_author_email' => '',
    'comment_content' => $in['content'],
    'comment_type' => 'pingback',
    'comment_parent' => 0,
    'comment_author_IP' => '127.0.0.1',
)), true);
if (is_wp_error($id) || !$id) {
    fwrite(STDERR, 'pingback failed' . (is_wp_error($id) ? ': ' . $id->get_error_message() : '') . "\n");
    exit(1);
}
echo json_encode(array('id' => (int) $id)), "\n";
